import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// Who may do what with filings. The statistics bureau (市统计局) owns them: a `statistician` at city
/// level (a region code ending in `00`) sees every county, one at county level only its own county;
/// a statistician who is also `unitAdmin` administers (the reporting list, windows, rules, reopenings).
/// An enterprise sees only its own filings; a liaison only those of the enterprises assigned to them.
struct FilingAccess: Sendable {
    let claims: AccessClaims

    /// Statisticians' scope: nil for the whole city, else the one county's region code.
    var county: String? {
        guard let region = claims.region, region.count == 6, !region.hasSuffix("00") else { return nil }
        return region
    }

    var isStatistician: Bool { claims.isOfficial(.statistician) }
    var isBureauAdmin: Bool { claims.isOfficial(.statistician) && claims.hasRole(OfficialRole.unitAdmin.rawValue) }
    var isLiaison: Bool { claims.isOfficial(.liaison) }

    /// Whether a statistician may see a filing of `region`.
    func statisticianCovers(_ region: String) -> Bool {
        isStatistician && (county == nil || county == region)
    }
}

extension AppRequestContext {
    /// A bureau admin (statistician and unit admin); 401 without a token, 403 otherwise.
    func requireBureauAdmin() throws -> AccessClaims {
        let claims = try requireOfficial(.statistician)
        guard FilingAccess(claims: claims).isBureauAdmin else { throw APIError.forbidden }
        return claims
    }
}
