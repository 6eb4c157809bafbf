import Foundation
import Postgres
import ServiceKit

/// The 申请帮扶 form (enterprise manual 1.10.1): enterprise name and USCC (the enterprise's own when
/// left out), office region, contact name and phone, and the note (申请说明).
struct HelpRequestForm: Sendable {
    struct Body: Decodable, Sendable {
        var enterpriseName: String?
        var uscc: String?
        var officeRegion: String?
        var contactName: String?
        var contactPhone: String?
        var note: String?
    }

    var enterpriseName: String
    var uscc: String
    var officeRegion: String
    var contactName: String
    var contactPhone: String
    var note: String

    /// Field-named 400s; the USCC must be the enterprise's own.
    static func validate(_ body: Body, of enterprise: EnterpriseRecord, on connection: PostgresConnection) async throws -> HelpRequestForm {
        let name = try Validate.text(body.enterpriseName, "enterpriseName", max: 200, required: false)
        let uscc = try body.uscc.map { try Validate.uscc($0, "uscc") } ?? enterprise.fields.uscc
        guard uscc == enterprise.fields.uscc else { throw APIError.invalid("uscc", "is not this enterprise's code") }
        let region = try Validate.text(body.officeRegion, "officeRegion", max: 6)
        if try await !EnterpriseStore.regionExists(region, on: connection) {
            throw APIError.invalid("officeRegion", "is not a region of the city (GET /regions)")
        }
        return HelpRequestForm(
            enterpriseName: name.isEmpty ? enterprise.fields.name : name, uscc: uscc, officeRegion: region,
            contactName: try Validate.text(body.contactName, "contactName", max: 50),
            contactPhone: try Validate.phone(body.contactPhone, "contactPhone", .mobileOrLandline),
            note: try Validate.text(body.note, "note", max: 1000))
    }
}
