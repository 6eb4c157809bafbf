import Contracts
import Foundation
import ServiceKit

/// What kind of thing an administrative change of appeals changed (`subject_kind` of the shared
/// audit trail).
enum AuditSubject: String, Codable, Sendable, CaseIterable {
    case category
    case calendarYear
    case registerEntry
    case deadlineScheme
    case deadlineStep
    case schemeAssignment
    case cityScheme
}

extension AuditEntry {
    /// An official's change of `subject`, its value `before` (nil for a creation) and `after` kept in
    /// the detail; `roles` are those that allowed it (the first held is recorded).
    init(
        _ action: String, subject: AuditSubject, id subjectID: String, before: (any Encodable)?, after: (any Encodable)?,
        by official: AccessClaims, acting roles: [OfficialRole]
    ) throws {
        var detail: [String: JSONValue] = [:]
        if let before { detail["before"] = try JSONValue(encoding: before) }
        if let after { detail["after"] = try JSONValue(encoding: after) }
        self.init(action: action, subjectKind: subject.rawValue, subjectID: subjectID, by: official, acting: roles, detail: detail)
    }
}

extension JSONValue {
    /// `value` as the audit trail stores it (the events' JSON shape).
    init(encoding value: any Encodable) throws {
        let data = try EventJSON.makeEncoder().encode(value)
        self = try EventJSON.makeDecoder().decode(JSONValue.self, from: data)
    }
}
