import Foundation
import ServiceKit

/// What applicants and officials send about an application; `validated()` refuses with field-named 400s.
enum ApplicationInput {
    /// The materials of an application or of its resubmission: each names a material of the item
    /// and a file the caller uploaded at `/application-files`.
    struct Materials: Decodable {
        struct Entry: Decodable {
            var name: String?
            var fileID: String?
        }

        var materials: [Entry]?

        func validated() throws -> [(name: String, fileID: UUID)] {
            guard let materials else { throw APIError.invalid("materials", "is required (a list of {name, fileID})") }
            guard materials.count <= 30 else { throw APIError.invalid("materials", "must be at most 30") }
            return try materials.enumerated().map { index, entry in
                (name: try Validate.contentText(entry.name, "materials[\(index)].name", max: 200),
                 fileID: try InterpretationInput.uuid(entry.fileID, "materials[\(index)].fileID"))
            }
        }
    }

    struct Return: Decodable {
        var reason: String?

        func validated() throws -> String { try Validate.contentText(reason, "reason", max: 1000) }
    }

    /// 办结: `approved` with the amount granted (yuan, at most two decimals) or `rejected` with the reason.
    struct Conclusion: Decodable {
        enum Decision: String, Codable, Sendable {
            case approved, rejected
        }

        var decision: Decision?
        var grantedAmount: String?
        var note: String?

        func validated() throws -> (decision: Decision, amount: String?, note: String?) {
            guard let decision else { throw APIError.invalid("decision", "is required (approved or rejected)") }
            switch decision {
            case .approved:
                guard let grantedAmount else { throw APIError.invalid("grantedAmount", "is required when the application is approved (yuan)") }
                guard grantedAmount.range(of: #"^[0-9]{1,13}(\.[0-9]{1,2})?$"#, options: .regularExpression) != nil,
                    Decimal(string: grantedAmount).map({ $0 > 0 }) == true
                else { throw APIError.invalid("grantedAmount", "must be a positive amount in yuan with at most two decimals") }
                return (decision, grantedAmount, try Validate.optionalContentText(note, "note", max: 1000))
            case .rejected:
                guard grantedAmount == nil else { throw APIError.invalid("grantedAmount", "must be absent when the application is rejected") }
                return (decision, nil, try Validate.contentText(note, "note", max: 1000))
            }
        }
    }
}
