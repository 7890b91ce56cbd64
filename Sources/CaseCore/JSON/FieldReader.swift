/// A value of the file being decoded: its node on the reader's tape.
struct JSONNode {
    let index: Int
    let kind: JSONTape.Kind
    var isNull: Bool { kind == .null }
}

/// Where a value is in its file, as `$.excerpts[3].source.lines`: kept as steps and written out
/// only when a problem is reported (most values have none), so decoding builds no path strings.
struct JSONPath: CustomStringConvertible, ExpressibleByStringLiteral {
    private enum Step {
        case key(StaticString)
        case index(Int)
    }
    private var written: String
    private var s0: Step?, s1: Step?, s2: Step?, s3: Step?

    init(stringLiteral value: String) { written = value }

    func key(_ key: StaticString) -> JSONPath { appending(.key(key)) }
    func index(_ i: Int) -> JSONPath { appending(.index(i)) }

    private func appending(_ step: Step) -> JSONPath {
        var p = self
        if p.s0 == nil {
            p.s0 = step
        } else if p.s1 == nil {
            p.s1 = step
        } else if p.s2 == nil {
            p.s2 = step
        } else if p.s3 == nil {
            p.s3 = step
        } else {
            p = JSONPath(stringLiteral: description)
            p.s0 = step
        }
        return p
    }

    var description: String {
        var out = written
        for step in [s0, s1, s2, s3] {
            switch step {
            case let .key(k)?: out += ".\(k)"
            case let .index(i)?: out += "[\(i)]"
            case nil: break
            }
        }
        return out
    }
}

/// Reads typed fields out of a parsed file while recording every problem with its JSON path.
/// Decoding goes on after a problem so that one run reports all of them.
final class FieldReader {
    let file: String
    let tape: JSONTape
    private(set) var problems: [Problem] = []

    init(file: String, tape: JSONTape) {
        self.file = file
        self.tape = tape
    }

    /// The document's top-level value.
    var root: JSONNode { node(0) }

    func node(_ i: Int) -> JSONNode { JSONNode(index: i, kind: tape.kind(i)) }
    func string(_ n: JSONNode) -> String { tape.string(n.index) }
    func number(_ n: JSONNode) -> Double { tape.number(n.index) }

    func report(_ path: JSONPath, _ message: String) {
        problems.append(Problem(file: file, path: path.description, .malformed(message)))
    }

    /// The members of an object, reporting members the format does not know (a misspelt key
    /// would otherwise silently drop data).
    func object(_ value: JSONNode, at path: JSONPath, allowed: [StaticString]) -> Fields? {
        guard value.kind == .object else {
            report(path, "expected an object, found \(value.kind.typeDescription)")
            return nil
        }
        var k = value.index + 1
        let end = tape.after(value.index)
        while k < end {
            if !allowed.contains(where: { tape.stringEquals(k, $0) }) {
                report(
                    path,
                    "unknown member \"\(tape.string(k))\" "
                        + "(known: \(allowed.map(\.description).sorted().joined(separator: ", ")))"
                )
            }
            k = tape.after(k + 1)
        }
        return Fields(members: Members(reader: self, object: value.index), path: path, reader: self)
    }

    /// A project-written text: a plain string, or an object with both `nb` and `en`.
    func localized(_ value: JSONNode, at path: JSONPath) -> LocalizedText? {
        switch value.kind {
        case .string:
            if tape.isBlank(value.index) { report(path, "must not be empty"); return nil }
            return LocalizedText(plain: string(value))
        case .object:
            guard let f = object(value, at: path, allowed: ["nb", "en"]) else { return nil }
            let nb = f.string("nb"), en = f.string("en")
            guard let nb, let en else { return nil }
            return LocalizedText(nb: nb, en: en)
        default:
            report(
                path,
                "expected a text (a string, or an object with \"nb\" and \"en\"), found \(value.kind.typeDescription)")
            return nil
        }
    }

    func array(_ value: JSONNode, at path: JSONPath) -> [(JSONNode, JSONPath)]? {
        guard value.kind == .array else {
            report(path, "expected an array, found \(value.kind.typeDescription)")
            return nil
        }
        return tape.elements(value.index).enumerated().map { (node($1), path.index($0)) }
    }
}

/// An object's members for lookup by name: a linear scan of the keys' bytes, as data objects
/// have few members.
struct Members {
    let reader: FieldReader
    let object: Int
    subscript(key: StaticString) -> JSONNode? {
        let tape = reader.tape
        var k = object + 1
        let end = tape.after(object)
        while k < end {
            if tape.stringEquals(k, key) { return reader.node(k + 1) }
            k = tape.after(k + 1)
        }
        return nil
    }
}

struct Fields {
    let members: Members
    let path: JSONPath
    let reader: FieldReader

    func path(_ key: StaticString) -> JSONPath { path.key(key) }

    func has(_ key: StaticString) -> Bool {
        if let v = members[key], !v.isNull { return true }
        return false
    }

    /// nil when absent or null; a problem when required and absent, or of the wrong type.
    private func value(_ key: StaticString, required: Bool, expected: String) -> JSONNode? {
        guard let v = members[key] else {
            if required { reader.report(path, "missing required member \"\(key)\"") }
            return nil
        }
        if v.isNull {
            if required { reader.report(path(key), "expected \(expected), found null") }
            return nil
        }
        return v
    }

    func string(_ key: StaticString, required: Bool = true, nonEmpty: Bool = true) -> String? {
        guard let v = value(key, required: required, expected: "a string") else { return nil }
        guard v.kind == .string else {
            reader.report(path(key), "expected a string, found \(v.kind.typeDescription)")
            return nil
        }
        if nonEmpty && reader.tape.isBlank(v.index) {
            reader.report(path(key), "must not be empty")
            return nil
        }
        return reader.string(v)
    }

    /// An id: a string a user types and reads (`show ID`, filters, journals), so only visible
    /// characters — no control or invisible formatting character (an ESC, a NUL, a bidi
    /// override would make two ids look alike or one impossible to type), no space at an end.
    func identifier(_ key: StaticString) -> String? {
        guard let id = string(key) else { return nil }
        for (i, scalar) in id.unicodeScalars.enumerated() {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                let code = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                reader.report(
                    path(key),
                    "holds an invisible or control character (U+\(code) at character \(i + 1)); an id may hold only "
                        + "visible characters")
                return nil
            default: continue
            }
        }
        if id.first?.isWhitespace == true || id.last?.isWhitespace == true {
            reader.report(path(key), "begins or ends with a space; an id may not")
            return nil
        }
        return id
    }

    func int(_ key: StaticString, required: Bool = true, range: ClosedRange<Int>? = nil) -> Int? {
        guard let v = value(key, required: required, expected: "a whole number") else { return nil }
        let n = v.kind == .number ? reader.number(v) : .nan
        guard n == n.rounded(), abs(n) < 1e15 else {
            reader.report(
                path(key),
                "expected a whole number, found \(v.kind == .number ? "a fraction" : v.kind.typeDescription)")
            return nil
        }
        let i = Int(n)
        if let range, !range.contains(i) {
            reader.report(path(key), "\(i) is outside \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return i
    }

    func bool(_ key: StaticString, required: Bool = true) -> Bool? {
        guard let v = value(key, required: required, expected: "true or false") else { return nil }
        guard v.kind == .true || v.kind == .false else {
            reader.report(path(key), "expected true or false, found \(v.kind.typeDescription)")
            return nil
        }
        return v.kind == .true
    }

    /// A text the project writes: `{"nb": "…", "en": "…"}`, or one plain string (shown in both
    /// languages; the bundled data always gives both).
    func localized(_ key: StaticString, required: Bool = true) -> LocalizedText? {
        guard let v = value(key, required: required, expected: "a text") else { return nil }
        return reader.localized(v, at: path(key))
    }

    func localizedArray(_ key: StaticString) -> [LocalizedText] {
        guard let v = value(key, required: false, expected: "an array of texts") else { return [] }
        guard let items = reader.array(v, at: path(key)) else { return [] }
        return items.compactMap { item, itemPath in reader.localized(item, at: itemPath) }
    }

    func stringArray(_ key: StaticString, required: Bool = false) -> [String] {
        guard let v = value(key, required: required, expected: "an array of strings") else { return [] }
        guard let items = reader.array(v, at: path(key)) else { return [] }
        return items.compactMap { item, itemPath in
            guard item.kind == .string, !reader.tape.isBlank(item.index) else {
                reader.report(itemPath, "expected a non-empty string, found \(item.kind.typeDescription)")
                return nil
            }
            return reader.string(item)
        }
    }

    func intArray(_ key: StaticString, required: Bool = false) -> [Int] {
        guard let v = value(key, required: required, expected: "an array of whole numbers") else { return [] }
        guard let items = reader.array(v, at: path(key)) else { return [] }
        return items.compactMap { item, itemPath in
            let n = item.kind == .number ? reader.number(item) : .nan
            guard n == n.rounded(), abs(n) < 1e15 else {
                reader.report(itemPath, "expected a whole number, found \(item.kind.typeDescription)")
                return nil
            }
            return Int(n)
        }
    }

    /// A value from a closed set, e.g. an actor kind.
    func enumeration<E: RawRepresentable & CaseIterable>(_ key: StaticString, _: E.Type, required: Bool = true) -> E?
    where E.RawValue == String {
        guard let s = string(key, required: required) else { return nil }
        guard let e = E(rawValue: s) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            reader.report(path(key), "\"\(s)\" is not one of: \(allowed)")
            return nil
        }
        return e
    }

    func lineRange(_ key: StaticString, required: Bool = true) -> LineRange? {
        guard let v = value(key, required: required, expected: "[first, last] line numbers") else { return nil }
        let tape = reader.tape
        let pair = v.kind == .array && tape.count(v.index) == 2
        let first = v.index + 1, second = pair ? tape.after(first) : first
        let numbers = pair && tape.kind(first) == .number && tape.kind(second) == .number
        let a = numbers ? tape.number(first) : .nan, b = numbers ? tape.number(second) : .nan
        guard a == a.rounded(), b == b.rounded(), a >= 1, b >= 1, a < 1e9, b < 1e9 else {
            reader.report(path(key), "expected [first, last] with two line numbers from 1")
            return nil
        }
        guard a <= b else {
            reader.report(path(key), "the first line \(Int(a)) comes after the last line \(Int(b))")
            return nil
        }
        return LineRange(Int(a), Int(b))
    }

    func object(_ key: StaticString, required: Bool = true, allowed: [StaticString]) -> Fields? {
        guard let v = value(key, required: required, expected: "an object") else { return nil }
        return reader.object(v, at: path(key), allowed: allowed)
    }

    func objects(_ key: StaticString, required: Bool = false) -> [(JSONNode, JSONPath)] {
        guard let v = value(key, required: required, expected: "an array") else { return [] }
        return reader.array(v, at: path(key)) ?? []
    }
}
