/// A parsed JSON value. Objects keep their members in file order so that duplicate keys can be
/// reported and output is written in a stable, readable order.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The member of an object, or nil.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// A short name of the value's type for error messages ("a string", "an array").
    public var typeDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// Builds object values in order without the tuple-label noise.
public struct JSONObjectBuilder {
    public private(set) var members: [(key: String, value: JSONValue)] = []
    public init() {}
    public mutating func set(_ key: String, _ value: JSONValue) { members.append((key, value)) }
    public mutating func set(_ key: String, _ value: String?) {
        members.append((key, value.map(JSONValue.string) ?? .null))
    }
    public mutating func set(_ key: String, _ value: Int?) {
        members.append((key, value.map { .number(Double($0)) } ?? .null))
    }
    /// A project-written text as the data format writes it: `{"nb": …, "en": …}`.
    public mutating func set(_ key: String, _ value: LocalizedText?) {
        members.append((key, value.map(JSONValue.localized) ?? .null))
    }
    public var value: JSONValue { .object(members) }
}

extension JSONValue {
    public static func localized(_ t: LocalizedText) -> JSONValue {
        .object([("nb", .string(t.nb)), ("en", .string(t.en))])
    }
}
