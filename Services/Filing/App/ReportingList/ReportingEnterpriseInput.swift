import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// The body of `POST /reporting-enterprises` and one CSV row of an import.
struct ReportingEnterpriseInput: Decodable, Sendable {
    var region: String?
    var name: String?
    var uscc: String?
    var industry: String?
    var reason: String?

    /// The row checked against the reference data: field-named 400s, a 404 naming a county or an
    /// industry the reference data do not hold.
    func validate(on connection: PostgresConnection) async throws -> ReportingEnterpriseFields {
        let regionText = try Validate.text(region, "region", max: 32)
        guard let region = try await ReferenceStore.resolveRegion(regionText, on: connection) else {
            throw APIError.unknown("region", "is not a county of the city (a region code or a name such as 汝州市)")
        }
        let name = try Validate.text(name, "name", max: 100)
        let uscc = try uscc.flatMap { try Validate.optionalText($0, "uscc", max: 18) }.map { try Validate.uscc($0, "uscc") }
        let industryText = try Validate.text(industry, "industry", max: 50)
        guard let industry = try await ReferenceStore.resolveIndustry(industryText, on: connection) else {
            throw APIError.unknown("industry", "is not a GB/T 4754-2017 code or name (or a known alias)")
        }
        return ReportingEnterpriseFields(region: region, name: name, uscc: uscc, industry: industry, industryLabel: industryText)
    }
}

/// The body of a removal.
struct RemovalInput: Decodable, Sendable {
    var reason: String?
}
