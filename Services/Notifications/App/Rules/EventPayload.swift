import Contracts
import Foundation
import WorkCalendar
import ServiceKit

/// An event's JSON body, read by dotted field path (`enterpriseName`, `appeal.serial`), so rules
/// can use any event type without a Swift type for it.
struct EventPayload: Sendable {
    let root: [String: JSONValue]

    init(data: Data) throws {
        guard case .object(let object) = try JSONDecoder().decode(JSONValue.self, from: data) else {
            throw EnvelopeError.malformedBody(type: "event", reason: "the body is not a JSON object")
        }
        root = object
    }

    init(object: [String: JSONValue]) {
        root = object
    }

    /// The value at `path`, or nil when a step is missing or null.
    func value(at path: String) -> JSONValue? {
        var current = JSONValue.object(root)
        for key in path.split(separator: ".") {
            guard case .object(let object) = current, let next = object[String(key)] else { return nil }
            current = next
        }
        return current == .null ? nil : current
    }

    /// The value at `path` as message text: strings as they are (timestamps in Beijing time,
    /// `yyyy-MM-dd HH:mm`), numbers and booleans in their usual form; nil for objects and missing fields.
    func text(at path: String) -> String? {
        switch value(at: path) {
        case .string(let string):
            if string.count >= 20, string.contains("T"), let date = EventTime.parse(string) {
                return BeijingTime.minuteText(date)
            }
            return string
        case .bool(let bool): return bool ? "是" : "否"
        case .int(let int): return String(int)
        case .double(let double): return String(double)
        default: return nil
        }
    }

    /// The values at `path` as strings: one for a scalar string, each string element of an array.
    func strings(at path: String) -> [String] {
        switch value(at: path) {
        case .string(let string): [string]
        case .array(let array): array.compactMap(\.stringValue)
        default: []
        }
    }
}

extension JSONValue {
    var stringValue: String? {
        guard case .string(let value) = self else { return nil }
        return value
    }
}
