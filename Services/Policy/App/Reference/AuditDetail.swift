import Contracts
import Foundation
import ServiceKit

/// Values as the audit trail's `detail` keeps them (the events' JSON shape).
enum AuditDetail {
    static func value(_ value: any Encodable) throws -> JSONValue {
        try EventJSON.makeDecoder().decode(JSONValue.self, from: try EventJSON.makeEncoder().encode(value))
    }
}
