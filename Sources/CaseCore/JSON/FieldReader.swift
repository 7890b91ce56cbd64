/// Reads typed fields out of parsed JSON while recording every problem with its JSON path.
/// Decoding goes on after a problem so that one run reports all of them.
final class FieldReader {
    let file: String
    private(set) var problems: [Problem] = []

    init(file: String) { self.file = file }

    func report(_ path: String, _ message: String) {
        problems.append(Problem(file: file, path: path, message: message))
    }

    /// The members of an object, reporting members the format does not know (a misspelt key
    /// would otherwise silently drop data).
    func object(_ value: JSONValue, at path: String, allowed: [String]) -> Fields? {
        guard case let .object(members) = value else {
            report(path, "expected an object, found \(value.typeDescription)")
            return nil
        }
        for (key, _) in members where !allowed.contains(key) {
            report(path, "unknown member \"\(key)\" (known: \(allowed.sorted().joined(separator: ", ")))")
        }
        return Fields(members: Members(members), path: path, reader: self)
    }

    /// A project-written text: a plain string, or an object with both `nb` and `en`.
    func localized(_ value: JSONValue, at path: String) -> LocalizedText? {
        switch value {
        case let .string(s):
            if s.allSatisfy(\.isWhitespace) { report(path, "must not be empty"); return nil }
            return LocalizedText(plain: s)
        case .object:
            guard let f = object(value, at: path, allowed: ["nb", "en"]) else { return nil }
            let nb = f.string("nb"), en = f.string("en")
            guard let nb, let en else { return nil }
            return LocalizedText(nb: nb, en: en)
        default:
            report(
                path, "expected a text (a string, or an object with \"nb\" and \"en\"), found \(value.typeDescription)")
            return nil
        }
    }

    func array(_ value: JSONValue, at path: String) -> [(JSONValue, String)]? {
        guard case let .array(items) = value else {
            report(path, "expected an array, found \(value.typeDescription)")
            return nil
        }
        return items.enumerated().map { ($1, "\(path)[\($0)]") }
    }
}

/// An object's members for lookup by name: a linear scan, as data objects have few members.
struct Members {
    let pairs: [(key: String, value: JSONValue)]
    init(_ pairs: [(key: String, value: JSONValue)]) { self.pairs = pairs }
    subscript(key: String) -> JSONValue? { pairs.first { $0.key == key }?.value }
}

struct Fields {
    let members: Members
    let path: String
    let reader: FieldReader

    func path(_ key: String) -> String { "\(path).\(key)" }

    func has(_ key: String) -> Bool {
        if let v = members[key], v != .null { return true }
        return false
    }

    /// nil when absent or null; a problem when required and absent, or of the wrong type.
    private func value(_ key: String, required: Bool, expected: String) -> JSONValue? {
        guard let v = members[key] else {
            if required { reader.report(path, "missing required member \"\(key)\"") }
            return nil
        }
        if v == .null {
            if required { reader.report(path(key), "expected \(expected), found null") }
            return nil
        }
        return v
    }

    func string(_ key: String, required: Bool = true, nonEmpty: Bool = true) -> String? {
        guard let v = value(key, required: required, expected: "a string") else { return nil }
        guard case let .string(s) = v else {
            reader.report(path(key), "expected a string, found \(v.typeDescription)")
            return nil
        }
        if nonEmpty && s.allSatisfy(\.isWhitespace) {
            reader.report(path(key), "must not be empty")
            return nil
        }
        return s
    }

    func int(_ key: String, required: Bool = true, range: ClosedRange<Int>? = nil) -> Int? {
        guard let v = value(key, required: required, expected: "a whole number") else { return nil }
        guard case let .number(n) = v, n == n.rounded(), abs(n) < 1e15 else {
            reader.report(
                path(key),
                "expected a whole number, found \(v.typeDescription == "a number" ? "a fraction" : v.typeDescription)")
            return nil
        }
        let i = Int(n)
        if let range, !range.contains(i) {
            reader.report(path(key), "\(i) is outside \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return i
    }

    func bool(_ key: String, required: Bool = true) -> Bool? {
        guard let v = value(key, required: required, expected: "true or false") else { return nil }
        guard case let .bool(b) = v else {
            reader.report(path(key), "expected true or false, found \(v.typeDescription)")
            return nil
        }
        return b
    }

    /// A text the project writes: `{"nb": "…", "en": "…"}`, or one plain string (shown in both
    /// languages; the bundled data always gives both).
    func localized(_ key: String, required: Bool = true) -> LocalizedText? {
        guard let v = value(key, required: required, expected: "a text") else { return nil }
        return reader.localized(v, at: path(key))
    }

    func localizedArray(_ key: String) -> [LocalizedText] {
        guard let v = value(key, required: false, expected: "an array of texts") else { return [] }
        guard let items = reader.array(v, at: path(key)) else { return [] }
        return items.compactMap { item, itemPath in reader.localized(item, at: itemPath) }
    }

    func stringArray(_ key: String, required: Bool = false) -> [String] {
        guard let v = value(key, required: required, expected: "an array of strings") else { return [] }
        guard let items = reader.array(v, at: path(key)) else { return [] }
        return items.compactMap { item, itemPath in
            guard case let .string(s) = item, !s.allSatisfy(\.isWhitespace) else {
                reader.report(itemPath, "expected a non-empty string, found \(item.typeDescription)")
                return nil
            }
            return s
        }
    }

    func intArray(_ key: String, required: Bool = false) -> [Int] {
        guard let v = value(key, required: required, expected: "an array of whole numbers") else { return [] }
        guard let items = reader.array(v, at: path(key)) else { return [] }
        return items.compactMap { item, itemPath in
            guard case let .number(n) = item, n == n.rounded(), abs(n) < 1e15 else {
                reader.report(itemPath, "expected a whole number, found \(item.typeDescription)")
                return nil
            }
            return Int(n)
        }
    }

    /// A value from a closed set, e.g. an actor kind.
    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type, required: Bool = true) -> E?
    where E.RawValue == String {
        guard let s = string(key, required: required) else { return nil }
        guard let e = E(rawValue: s) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            reader.report(path(key), "\"\(s)\" is not one of: \(allowed)")
            return nil
        }
        return e
    }

    func lineRange(_ key: String, required: Bool = true) -> LineRange? {
        guard let v = value(key, required: required, expected: "[first, last] line numbers") else { return nil }
        guard case let .array(items) = v, items.count == 2,
            case let .number(a) = items[0], case let .number(b) = items[1],
            a == a.rounded(), b == b.rounded(), a >= 1, b >= 1, a < 1e9, b < 1e9
        else {
            reader.report(path(key), "expected [first, last] with two line numbers from 1")
            return nil
        }
        guard a <= b else {
            reader.report(path(key), "the first line \(Int(a)) comes after the last line \(Int(b))")
            return nil
        }
        return LineRange(Int(a), Int(b))
    }

    func object(_ key: String, required: Bool = true, allowed: [String]) -> Fields? {
        guard let v = value(key, required: required, expected: "an object") else { return nil }
        return reader.object(v, at: path(key), allowed: allowed)
    }

    func objects(_ key: String, required: Bool = false) -> [(JSONValue, String)] {
        guard let v = value(key, required: required, expected: "an array") else { return [] }
        return reader.array(v, at: path(key)) ?? []
    }
}
