import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// Who may do what with filings. The operating rules (art. 4 (二) 5) give the 四上企业 module to
/// 市统计局 and 市工信局 together; the data themselves are the statistics bureau's to approve.
///
/// - A `statistician` of the statistics bureau (any unit but 市工信局) at city level (a region code
///   ending in `00`) sees every county, one at county level only its own county; with `unitAdmin` too
///   they are a **bureau admin** (the reporting list, windows, rules, reopenings) and approve the month.
/// - A `statistician` of 市工信局 (identity's named unit `…0102`, a city-level unit) monitors: reads
///   every county's filings (the contact phone masked) and the list's history; with `unitAdmin` too
///   they keep the reporting list (add, remove, import). They neither approve nor set windows, rules
///   or reopenings.
/// An enterprise sees only its own filings; a liaison only those of the enterprises assigned to them.
struct FilingAccess: Sendable {
    /// 市工业和信息化局 in identity's unit tree (a fixed id other services refer to).
    static let industryBureau = UUID(uuidString: "00000000-0000-4000-8000-000000000102")!

    let claims: AccessClaims

    /// Statisticians' scope: nil for the whole city, else the one county's region code.
    var county: String? {
        guard let region = claims.region, region.count == 6, !region.hasSuffix("00") else { return nil }
        return region
    }

    var isStatistician: Bool { claims.isOfficial(.statistician) }
    /// A statistician of 市工信局: reads and keeps the list, never approves.
    var isIndustryBureau: Bool { isStatistician && claims.unitID == Self.industryBureau }
    var isUnitAdmin: Bool { claims.hasRole(OfficialRole.unitAdmin.rawValue) }
    /// Windows, rules, reopenings: the statistics bureau's admins.
    var isBureauAdmin: Bool { isStatistician && !isIndustryBureau && isUnitAdmin }
    /// The reporting list: the admins of either bureau.
    var keepsReportingList: Bool { isStatistician && isUnitAdmin }
    var isLiaison: Bool { claims.isOfficial(.liaison) }

    /// Whether a statistician (of either bureau) may see a filing of `region`.
    func statisticianCovers(_ region: String) -> Bool {
        isStatistician && (county == nil || county == region)
    }

    /// Whether the caller approves `region`'s filings (data approval: the statistics bureau only).
    func approves(_ region: String) -> Bool {
        !isIndustryBureau && statisticianCovers(region)
    }
}

extension AppRequestContext {
    /// A bureau admin (a statistics-bureau statistician and unit admin); 401 without a token, 403 otherwise.
    func requireBureauAdmin() throws -> AccessClaims {
        let claims = try requireOfficial(.statistician)
        guard FilingAccess(claims: claims).isBureauAdmin else { throw APIError.forbidden }
        return claims
    }

    /// A keeper of the reporting list (an admin of 市统计局 or 市工信局); 401 without a token, 403 otherwise.
    func requireListKeeper() throws -> AccessClaims {
        let claims = try requireOfficial(.statistician)
        guard FilingAccess(claims: claims).keepsReportingList else { throw APIError.forbidden }
        return claims
    }
}
