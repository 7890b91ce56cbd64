import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads a REFI-QDA codebook (`.qdc`): lenient where real programs are sloppy (an empty
/// `<Sets/>` as Taguette writes, the older namespace `urn:QDA-XML:codebook:0:4` as ATLAS.ti 9
/// writes, a byte-order mark), strict where data would be lost, and closed to hostile input (a
/// DTD — entity expansion, external entities — and files too big to be a codebook).
public struct ImportedCodebook: Sendable {
    public struct Node: Sendable, Equatable {
        public var guid: String
        public var name: String
        public var description: String?
        public var color: String?
        public var isCodable: Bool
        public var children: [Node]
    }

    public var namespace: String
    public var codes: [Node]
    public var warnings: [String]

    public static let acceptedNamespaces = [
        "urn:QDA-XML:codebook:1.0", "urn:QDA-XML:codebook:0:4", "urn:QDA-XML:codebook:0.4"
    ]
    public static let maximumSize = 16 * 1024 * 1024

    /// Every code, depth first, with its parent's name.
    public var flattened: [(node: Node, parent: String?, depth: Int)] {
        var out: [(Node, String?, Int)] = []
        func visit(_ n: Node, _ parent: String?, _ depth: Int) {
            out.append((n, parent, depth))
            for c in n.children { visit(c, n.name, depth + 1) }
        }
        for c in codes { visit(c, nil, 0) }
        return out
    }

    public static func read(_ url: URL) throws(InterchangeError) -> ImportedCodebook {
        let size = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw InterchangeError.unreadable(file: url.path, reason: "no such file")
        }
        try QDPXArchive.checkIsFile(url)
        if size > maximumSize {
            throw InterchangeError.refused(
                file: url.path,
                detail:
                    "\(size / 1_048_576) MiB is too big for a codebook (the limit is \(maximumSize / 1_048_576) MiB); "
                    + "refused.")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw InterchangeError.unreadable(file: url.path, reason: "cannot be read (\(error.localizedDescription))")
        }
        return try parse(Array(data), name: url.lastPathComponent)
    }

    public static func parse(_ input: [UInt8], name: String) throws(InterchangeError) -> ImportedCodebook {
        var bytes = input
        var warnings: [String] = []
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
            warnings.append("the file starts with a byte-order mark; ignored")
        }
        guard bytes.count <= maximumSize else {
            throw InterchangeError.refused(file: name, detail: "too big for a codebook; refused.")
        }
        // FoundationXML traps on invalid UTF-8 in names, and REFI-QDA files are UTF-8: check first.
        guard let head = String(validating: bytes, as: UTF8.self) else {
            throw InterchangeError.notREFIQDA(
                file: name, detail: "the file is not valid UTF-8 (REFI-QDA codebooks are UTF-8); refused.")
        }
        // A codebook never needs a DTD; one is how entity-expansion and external-entity attacks come in.
        if head.range(of: "<!DOCTYPE", options: .caseInsensitive) != nil
            || head.range(of: "<!ENTITY", options: .caseInsensitive) != nil
        {
            throw InterchangeError.refused(
                file: name,
                detail: "the file declares a DTD or entities, which a REFI-QDA codebook never needs; refused "
                    + "(entities could expand without limit or read other files).")
        }
        let delegate = CodebookParser()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        let ok = parser.parse()
        if delegate.error == nil, let problem = delegate.problem {
            throw InterchangeError.unusable(file: name, detail: problem)
        }
        if !ok || delegate.error != nil {
            let problem = XMLProblems.describe(
                delegate.error ?? parser.parserError, line: delegate.errorLine ?? parser.lineNumber,
                column: delegate.errorColumn ?? parser.columnNumber)
            throw InterchangeError.notREFIQDA(file: name, detail: problem)
        }
        if let open = delegate.path.last {
            throw InterchangeError.notREFIQDA(
                file: name,
                detail: "line \(parser.lineNumber): the file ends inside <\(open)> (truncated?); nothing was imported.")
        }
        guard delegate.sawRoot else {
            throw InterchangeError.notREFIQDA(
                file: name, detail: "no CodeBook element; is this a REFI-QDA codebook (.qdc)?")
        }
        guard ImportedCodebook.acceptedNamespaces.contains(delegate.namespace) else {
            throw InterchangeError.notREFIQDA(
                file: name,
                detail: "the namespace \"\(delegate.namespace)\" is not a REFI-QDA codebook namespace "
                    + "(expected urn:QDA-XML:codebook:1.0).")
        }
        if delegate.namespace != "urn:QDA-XML:codebook:1.0" {
            warnings.append("the older namespace \(delegate.namespace) was read as 1.0")
        }
        if delegate.emptySets {
            warnings.append("an empty <Sets/> (invalid in the schema, as Taguette writes it) was ignored")
        }
        if delegate.sets > 0 {
            warnings.append("\(delegate.sets) set(s) of codes are not carried over (the project has no code sets)")
        }
        warnings += delegate.warnings
        guard !delegate.roots.isEmpty else {
            throw InterchangeError.unusable(file: name, detail: "the codebook has no codes.")
        }
        return ImportedCodebook(namespace: delegate.namespace, codes: delegate.roots, warnings: warnings)
    }

    /// Imported codes matched by name (case and surrounding spaces ignored) to codes of the data.
    public func matches(in data: Dataset) -> [(imported: String, existing: String)] {
        let byName = Dictionary(
            data.codes.map { ($0.name.lowercased().trimmingCharacters(in: .whitespaces), $0.id) },
            uniquingKeysWith: { a, _ in a })
        return flattened.compactMap { n in
            byName[n.node.name.lowercased().trimmingCharacters(in: .whitespaces)].map { (n.node.name, $0) }
        }
    }

    /// A codebook file in the project's format: matched codes keep their ids, others get ids
    /// made from their names; missing colours and descriptions are filled and said so.
    public func codebookFile(for data: Dataset, source: String) -> JSONValue {
        let matched = Dictionary(matches(in: data).map { ($0.imported, $0.existing) }, uniquingKeysWith: { a, _ in a })
        var used = Set<String>()
        var idOf: [String: String] = [:]
        var codes: [JSONValue] = []
        for (node, parent, _) in flattened {
            var id = matched[node.name] ?? ImportedCodebook.slug(node.name)
            var n = 2
            let base = id
            while used.contains(id) { id = "\(base)-\(n)"; n += 1 }
            used.insert(id)
            idOf[node.guid] = id
            var o = JSONObjectBuilder()
            o.set("id", id)
            o.set("name", node.name)
            let description = node.description.flatMap {
                $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0
            }
            o.set("description", description ?? "Ingen beskrivelse i den importerte kodeboken (\(source)).")
            o.set("color", node.color.flatMap { Code.isValidColor($0) ? $0 : ImportedCodebook.expand($0) } ?? "#808080")
            o.set(
                "parent", parent.flatMap { p in flattened.first { $0.node.name == p }.flatMap { idOf[$0.node.guid] } })
            let questions = matched[node.name].flatMap { data.code($0)?.researchQuestions } ?? []
            o.set("researchQuestions", .array(questions.map { .number(Double($0)) }))
            codes.append(o.value)
        }
        var file = JSONObjectBuilder()
        file.set("format", DataFolder.formatVersion)
        file.set("codes", .array(codes))
        return file.value
    }

    static func expand(_ color: String) -> String? {
        // "#abc" → "#aabbcc"
        let c = Array(color)
        guard c.count == 4, c[0] == "#", c.dropFirst().allSatisfy(\.isHexDigit) else { return nil }
        return "#" + c.dropFirst().map { "\($0)\($0)" }.joined()
    }

    static func slug(_ name: String) -> String {
        var out = ""
        for ch in name.lowercased() {
            switch ch {
            case "æ": out += "ae"
            case "ø": out += "o"
            case "å": out += "aa"
            default:
                if ch.isASCII && (ch.isLetter || ch.isNumber) {
                    out.append(ch)
                } else if !out.hasSuffix("-") {
                    out += "-"
                }
            }
        }
        let trimmed = out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return trimmed.isEmpty ? "kode" : String(trimmed.prefix(48))
    }
}

private final class CodebookParser: NSObject, XMLParserDelegate {
    var roots: [ImportedCodebook.Node] = []
    var stack: [ImportedCodebook.Node] = []
    var namespace = ""
    var sawRoot = false
    var inDescription = false
    var descriptionText = ""
    var sets = 0
    var emptySets = false
    var setsStart = -1
    var warnings: [String] = []
    var problem: String?
    var guids = Set<String>()
    var elementCount = 0
    var path: [String] = []

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elementCount += 1
        if elementCount > 200_000 {
            problem = "more than 200 000 elements: too many for a codebook; refused."; parser.abortParsing(); return
        }
        if path.count > 64 { problem = "codes nested deeper than 64 levels; refused."; parser.abortParsing(); return }
        path.append(element)
        switch element {
        case "CodeBook" where path.count == 1:
            sawRoot = true
            namespace = namespaceURI ?? ""
        case "Code":
            guard let name = attributes["name"], !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                problem =
                    "line \(parser.lineNumber): a Code has no name; the codebook would lose a code, so nothing was "
                    + "imported."
                parser.abortParsing(); return
            }
            let guid = attributes["guid"] ?? ""
            if guid.isEmpty { warnings.append("line \(parser.lineNumber): the code \"\(name)\" has no guid") }
            if !guid.isEmpty && !guids.insert(guid.lowercased()).inserted {
                problem =
                    "line \(parser.lineNumber): the guid \(guid) is used by two codes; they cannot be told apart, so "
                    + "nothing was imported."
                parser.abortParsing(); return
            }
            let codable = (attributes["isCodable"] ?? "true").lowercased() != "false"
            stack.append(
                .init(
                    guid: guid.isEmpty ? UUID().uuidString : guid, name: name, description: nil,
                    color: attributes["color"], isCodable: codable, children: []))
        case "Description" where path.dropLast().last == "Code":
            inDescription = true
            descriptionText = ""
        case "Sets":
            setsStart = sets
        case "Set":
            sets += 1
        default:
            break
        }
    }

    var error: Error?
    var errorLine: Int?
    var errorColumn: Int?

    /// The first well-formedness error (the parser may go on and even report success).
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        guard error == nil, problem == nil else { return }
        error = parseError
        errorLine = parser.lineNumber
        errorColumn = parser.columnNumber
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inDescription { descriptionText += string }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        path.removeLast()
        switch element {
        case "Description" where inDescription:
            inDescription = false
            if !stack.isEmpty { stack[stack.count - 1].description = descriptionText }
        case "Code":
            guard let node = stack.popLast() else { return }
            if stack.isEmpty { roots.append(node) } else { stack[stack.count - 1].children.append(node) }
        case "Sets":
            if sets == setsStart { emptySets = true }
        default:
            break
        }
    }
}
