import Foundation
import Postgres
import ServiceKit

/// An enterprise profile as registration, import and upkeep submit it, validated field by field.
struct EnterpriseInput: Decodable, Sendable {
    struct Person: Decodable, Sendable {
        var name: String?
        var title: String?
        var phone: String?
    }

    var uscc: String?
    var name: String?
    var region: String?
    var industry: String?
    var ownership: String?
    var employeeBand: String?
    var address: String?
    var principal: Person?
    var contact: Person?
    var overview: String?
    var tags: [String]?

    static let ownerships = ["state", "collective", "private", "foreign", "hongKongMacaoTaiwan", "jointStock", "other"]
    static let employeeBands = ["1-19", "20-99", "100-299", "300-999", "1000+"]
}

/// A complete, valid profile.
struct EnterpriseFields: Sendable, Equatable {
    var uscc: String
    var name: String
    var region: String
    var industry: String
    var ownership: String
    var employeeBand: String
    var address: String
    var principalName: String
    var principalTitle: String
    var principalPhone: String
    var contactName: String
    var contactTitle: String
    var contactPhone: String?
    var overview: String
    var tags: [String]

    /// Validates every field; `prefix` names fields inside a larger body (e.g. a CSV column).
    static func validate(_ input: EnterpriseInput, on connection: PostgresConnection) async throws -> EnterpriseFields {
        let uscc = try Validate.uscc(input.uscc, "uscc")
        let name = try Validate.text(input.name, "name", max: 200)
        let region = try Validate.text(input.region, "region", max: 6)
        if try await !EnterpriseStore.regionExists(region, on: connection) {
            throw APIError.invalid("region", "is not a region of the city (GET /regions)")
        }
        let industry = try Validate.text(input.industry, "industry", max: 1).uppercased()
        if try await !EnterpriseStore.industryExists(industry, on: connection) {
            throw APIError.invalid("industry", "must be a GB/T 4754 section letter A–T (GET /industries)")
        }
        let ownership = try Validate.text(input.ownership, "ownership", max: 40)
        guard EnterpriseInput.ownerships.contains(ownership) else {
            throw APIError.invalid("ownership", "must be one of \(EnterpriseInput.ownerships.joined(separator: ", "))")
        }
        let band = try Validate.text(input.employeeBand, "employeeBand", max: 10)
        guard EnterpriseInput.employeeBands.contains(band) else {
            throw APIError.invalid("employeeBand", "must be one of \(EnterpriseInput.employeeBands.joined(separator: ", "))")
        }
        let contactPhone = try input.contact?.phone.flatMap { $0.isEmpty ? nil : $0 }.map { try Validate.phone($0, "contact.phone") }
        let tags = try (input.tags ?? []).enumerated().map { index, tag in
            try Validate.text(tag, "tags[\(index)]", max: 30)
        }
        guard tags.count <= 20 else { throw APIError.invalid("tags", "may hold at most 20 tags") }
        return EnterpriseFields(
            uscc: uscc, name: name, region: region, industry: industry, ownership: ownership, employeeBand: band,
            address: try Validate.text(input.address, "address", max: 300, required: false),
            principalName: try Validate.text(input.principal?.name, "principal.name", max: 50),
            principalTitle: try Validate.text(input.principal?.title, "principal.title", max: 50, required: false),
            principalPhone: try Validate.phone(input.principal?.phone, "principal.phone"),
            contactName: try Validate.text(input.contact?.name, "contact.name", max: 50, required: false),
            contactTitle: try Validate.text(input.contact?.title, "contact.title", max: 50, required: false),
            contactPhone: contactPhone,
            overview: try Validate.text(input.overview, "overview", max: 4000, required: false),
            tags: Array(Set(tags)).sorted())
    }
}
