import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What a REFI-QDA project (`project.qde`) holds that this program can use, read with the same
/// hardening as a codebook: UTF-8 only, no DTD or entities, bounded element count and depth.
public struct RefiProject: Sendable {
    public struct Code: Sendable {
        public var guid, name: String; public var parent: String?; public var color, description: String?
    }
    public struct Coding: Sendable {
        public var guid, code: String; public var user, time: String?; public var notes: [String]
    }
    public struct Selection: Sendable {
        public var guid: String
        public var start, end: Int
        public var user, time, description: String?
        public var codings: [Coding]
        public var notes: [String]
    }
    public struct Source: Sendable {
        public var guid, name: String
        public var plainTextPath, content: String?
        public var selections: [Selection]
        public var values: [(variable: String, value: String)]
    }
    public struct Note: Sendable { public var text: String; public var user, time: String? }
    public struct Case: Sendable {
        public var guid, name: String; public var values: [(variable: String, value: String)];
        public var sources: [String]; public var selections: [String] = []
    }
    public struct Set: Sendable { public var name: String; public var sources: [String] }

    public var name = ""
    public var origin: String?
    public var projectUser: String?
    public var users: [String: String] = [:]
    public var userOrder: [String] = []
    public var codes: [Code] = []
    public var variables: [String: String] = [:]
    public var sources: [Source] = []
    public var notes: [String: Note] = [:]
    public var cases: [Case] = []
    public var sets: [Set] = []
    /// What has no place here (pictures, audio, video, PDF, links, graphs…), counted by element.
    public var unsupported: [String: Int] = [:]

    public static let namespace = "urn:QDA-XML:project:1.0"
    static let unsupportedElements: Swift.Set<String> = [
        "PictureSource", "PDFSource", "AudioSource", "VideoSource", "Link", "Graph",
        "PictureSelection", "PDFSelection", "AudioSelection", "VideoSelection", "TranscriptSelection"
    ]

    public static func parse(_ input: [UInt8], name: String) throws(InterchangeError) -> RefiProject {
        var bytes = input
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let head = String(validating: bytes, as: UTF8.self) else {
            throw InterchangeError.notREFIQDA(
                file: name,
                detail: "project.qde is not valid UTF-8 (REFI-QDA projects are UTF-8); nothing was imported.")
        }
        if head.range(of: "<!DOCTYPE", options: .caseInsensitive) != nil
            || head.range(of: "<!ENTITY", options: .caseInsensitive) != nil
        {
            throw InterchangeError.refused(
                file: name,
                detail: "project.qde declares a DTD or entities, which a REFI-QDA project never needs; refused "
                    + "(entities could expand without limit or read other files).")
        }
        let delegate = ProjectParser()
        // Fed as a stream (in chunks): given all at once, libxml2 refuses a document of some
        // hundred MiB ("huge input lookup") — a generated study of 70 000 excerpts.
        let parser = XMLParser(stream: InputStream(data: Data(bytes)))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        let ok = parser.parse()
        if let problem = delegate.problem {
            throw InterchangeError.unusable(file: name, detail: "project.qde: \(problem)")
        }
        guard ok else {
            let reason = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "not well-formed XML"
            throw InterchangeError.notREFIQDA(
                file: name,
                detail: "project.qde, line \(parser.lineNumber): not well-formed XML (\(reason)); nothing was imported."
            )
        }
        if let open = delegate.path.last {
            throw InterchangeError.notREFIQDA(
                file: name,
                detail: "project.qde, line \(parser.lineNumber): the file ends inside <\(open)> (truncated?); "
                    + "nothing was imported.")
        }
        guard delegate.sawRoot else {
            throw InterchangeError.notREFIQDA(
                file: name, detail: "project.qde has no Project element; is this a REFI-QDA project?")
        }
        guard delegate.rootNamespace == namespace else {
            throw InterchangeError.notREFIQDA(
                file: name,
                detail: "the namespace \"\(delegate.rootNamespace)\" is not the REFI-QDA project namespace "
                    + "(\(namespace)).")
        }
        return delegate.project
    }

    /// The review status sets this program writes: "Review status: <status> (<coder>)".
    public static func statusSet(_ name: String) -> (status: ReviewStatus, coder: String)? {
        let prefix = "Review status: "
        guard name.hasPrefix(prefix), name.hasSuffix(")"), let open = name.range(of: " (") else { return nil }
        let status = String(name[name.index(name.startIndex, offsetBy: prefix.count)..<open.lowerBound])
        let coder = String(name[open.upperBound..<name.index(before: name.endIndex)])
        guard let s = ReviewStatus(rawValue: status), !coder.isEmpty else { return nil }
        return (s, coder)
    }
}

private final class ProjectParser: NSObject, XMLParserDelegate {
    var project = RefiProject()
    var path: [String] = []
    var sawRoot = false
    var rootNamespace = ""
    var problem: String?
    var elements = 0
    var text = ""
    var codeStack: [String] = []
    var source: RefiProject.Source?
    var selection: RefiProject.Selection?
    var coding: RefiProject.Coding?
    var note: (guid: String, note: RefiProject.Note)?
    var theCase: RefiProject.Case?
    var set: RefiProject.Set?
    var variableRef: String?

    func fail(_ parser: XMLParser, _ message: String) {
        if problem == nil { problem = "line \(parser.lineNumber): \(message)" }
        parser.abortParsing()
    }

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes a: [String: String] = [:]
    ) {
        elements += 1
        if elements > 20_000_000 { fail(parser, "more than 20 000 000 elements; refused."); return }
        if path.count > 128 { fail(parser, "elements nested deeper than 128 levels; refused."); return }
        let parent = path.last
        path.append(element)
        text = ""
        if RefiProject.unsupportedElements.contains(element) { project.unsupported[element, default: 0] += 1 }
        switch element {
        case "Project" where path.count == 1:
            sawRoot = true
            rootNamespace = namespaceURI ?? ""
            project.origin = a["origin"]
            project.name = a["name"] ?? ""
            project.projectUser = a["creatingUserGUID"]
        case "User":
            guard let guid = a["guid"] else { fail(parser, "a User has no guid; nothing was imported."); return }
            project.users[guid.lowercased()] = a["name"] ?? a["id"] ?? ""
            project.userOrder.append(guid.lowercased())
        case "Code" where path.contains("CodeBook"):
            guard let guid = a["guid"], let name = a["name"] else {
                fail(parser, "a Code has no guid or no name; nothing was imported."); return
            }
            project.codes.append(
                .init(guid: guid.lowercased(), name: name, parent: codeStack.last, color: a["color"], description: nil))
            codeStack.append(guid.lowercased())
        case "Variable" where parent == "Variables":
            if let guid = a["guid"] { project.variables[guid.lowercased()] = a["name"] ?? "" }
        case "TextSource":
            guard let guid = a["guid"] else { fail(parser, "a TextSource has no guid; nothing was imported."); return }
            source = .init(
                guid: guid.lowercased(), name: a["name"] ?? "", plainTextPath: a["plainTextPath"], content: nil,
                selections: [], values: [])
        case "PlainTextSelection" where source != nil:
            guard let guid = a["guid"], let start = a["startPosition"].flatMap({ Int($0) }),
                let end = a["endPosition"].flatMap({ Int($0) }), start >= 0, end >= start
            else {
                fail(
                    parser,
                    "a PlainTextSelection has no guid or no valid startPosition/endPosition; nothing was imported.");
                return
            }
            selection = .init(
                guid: guid.lowercased(), start: start, end: end, user: a["creatingUser"]?.lowercased(),
                time: a["creationDateTime"], description: nil, codings: [], notes: [])
        case "Coding" where selection != nil:
            coding = .init(
                guid: a["guid"] ?? "", code: "", user: a["creatingUser"]?.lowercased(), time: a["creationDateTime"],
                notes: [])
        case "CodeRef" where coding != nil:
            coding?.code = (a["targetGUID"] ?? "").lowercased()
        case "NoteRef":
            let target = (a["targetGUID"] ?? "").lowercased()
            if coding != nil {
                coding?.notes.append(target)
            } else if selection != nil {
                selection?.notes.append(target)
            }
        case "Note" where parent == "Notes":
            note = (
                (a["guid"] ?? "").lowercased(),
                .init(text: "", user: a["creatingUser"]?.lowercased(), time: a["creationDateTime"])
            )
        case "Case":
            theCase = .init(guid: (a["guid"] ?? "").lowercased(), name: a["name"] ?? "", values: [], sources: [])
        case "SourceRef" where theCase != nil:
            if let t = a["targetGUID"] { theCase?.sources.append(t.lowercased()) }
        case "SelectionRef" where theCase != nil:
            if let t = a["targetGUID"] { theCase?.selections.append(t.lowercased()) }
        case "VariableRef":
            variableRef = a["targetGUID"]?.lowercased()
        case "Set":
            set = .init(name: a["name"] ?? "", sources: [])
        case "MemberSource" where set != nil:
            if let t = a["targetGUID"] { set?.sources.append(t.lowercased()) }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard text.utf8.count < 64 << 20 else { fail(parser, "a text of more than 64 MiB; refused."); return }
        text += string
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        let parent = path.dropLast().last
        defer { path.removeLast() }
        switch element {
        case "Code" where path.contains("CodeBook"):
            codeStack.removeLast()
        case "Description" where parent == "Code":
            if let g = codeStack.last, let i = project.codes.lastIndex(where: { $0.guid == g }) {
                project.codes[i].description = text
            }
        case "Description" where parent == "PlainTextSelection":
            selection?.description = text
        case "PlainTextContent" where parent == "TextSource":
            source?.content = text
        case "PlainTextContent" where parent == "Note":
            note?.note.text = text
        case "TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue":
            guard let v = variableRef else { break }
            if theCase != nil {
                theCase?.values.append((v, text))
            } else if source != nil && selection == nil {
                source?.values.append((v, text))
            }
        case "Coding" where coding != nil:
            if let c = coding { selection?.codings.append(c) }
            coding = nil
        case "PlainTextSelection" where selection != nil:
            if let s = selection { source?.selections.append(s) }
            selection = nil
        case "TextSource":
            if let s = source { project.sources.append(s) }
            source = nil
        case "Note" where note != nil:
            if let n = note { project.notes[n.guid] = n.note }
            note = nil
        case "Case" where theCase != nil:
            if let c = theCase { project.cases.append(c) }
            theCase = nil
        case "Set" where set != nil:
            if let s = set { project.sets.append(s) }
            set = nil
        default:
            break
        }
    }
}
