import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Filing a month (填报) and reading filings: an enterprise files and revises within the window and
/// lists its months (我的填报); its liaison and the statistics bureau read them in their scope.
struct FilingsController {
    let runtime: FilingRuntime
    var pool: PostgresPool { runtime.dependencies.pool }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.put("periods/:period/filing", use: submit)
        router.post("periods/:period/checks", use: checkForm)
        router.get("filings/mine", use: mine)
        router.get("filings", use: list)
        router.get("filings/:id", use: show)
        router.get("filings/:id/versions/:version", use: version)
        router.get("filings/:id/history", use: history)
        FilingApprovals(runtime: runtime).addRoutes(to: router)
    }

    /// `PUT /periods/{period}/filing` (enterprise members): files the month, or files it again (a new
    /// version). 201 the first time, 200 for a revision.
    func submit(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<FilingView> {
        let (principal, membership) = try context.requireMember()
        let period = try FilingPeriod.parse(context.parameters.get("period"))
        let form = try await request.decodeBody(FilingForm.self, context: context)
        let (view, created) = try await FilingSubmission(runtime: runtime).submit(form, period: period, by: principal, membership: membership)
        return EditedResponse(status: created ? .created : .ok, response: view)
    }

    /// `POST /periods/{period}/checks` (enterprise members): what the rules say of a form, without filing it.
    func checkForm(_ request: Request, context: AppRequestContext) async throws -> CheckReport {
        let (_, membership) = try context.requireMember()
        let period = try FilingPeriod.parse(context.parameters.get("period"))
        let form = try await request.decodeBody(FilingForm.self, context: context)
        return try await pool.withConnection { connection in
            let checked = try await FilingSubmission.check(form, on: connection)
            let (_, entry) = try await FilingSubmission.filer(membership, on: connection)
            return try await FilingSubmission.evaluate(checked, of: entry, period: period, on: connection)
        }
    }

    /// `GET /filings/mine` (enterprise members): the enterprise's months with status and flags.
    func mine(_ request: Request, context: AppRequestContext) async throws -> Page<FilingSummary> {
        let (_, membership) = try context.requireMember()
        let paging = try Paging(request)
        return try await pool.withConnection { connection in
            try await FilingStore.list(.enterprise(membership.enterpriseID), period: nil, region: nil, status: nil, paging: paging, on: connection)
        }
    }

    /// `GET /filings` (statisticians: their county or the city; liaisons: their enterprises').
    func list(_ request: Request, context: AppRequestContext) async throws -> Page<FilingSummary> {
        let claims = try context.requireOfficial(.statistician, .liaison)
        let access = FilingAccess(claims: claims)
        let paging = try Paging(request)
        let query = request.uri.queryParameters
        let period = try query.get("period").map { try FilingPeriod.parse($0).description }
        let region = try QueryFilter.matching(request, "region", QueryFilter.region, QueryFilter.regionRule)
        let status = try QueryFilter.oneOf(request, "status", FilingRecord.Status.allCases.map(\.rawValue))
        let scope: FilingStore.Scope = access.isStatistician ? .bureau(county: access.county) : .liaison(claims.accountID)
        return try await pool.withConnection { connection in
            try await FilingStore.list(scope, period: period, region: region, status: status, paging: paging, on: connection)
        }
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> FilingView {
        let claims = try context.requirePrincipal()
        let id = try context.pathID()
        return try await pool.withConnection { connection in
            let (filing, relation) = try await Self.readable(id, by: claims, on: connection)
            return try await view(filing, version: filing.currentVersion, shownAs: relation, on: connection)
        }
    }

    func version(_ request: Request, context: AppRequestContext) async throws -> FilingView {
        let claims = try context.requirePrincipal()
        let id = try context.pathID()
        let number = try context.pathNumber("version", in: 1...100_000)
        return try await pool.withConnection { connection in
            let (filing, relation) = try await Self.readable(id, by: claims, on: connection)
            return try await view(filing, version: number, shownAs: relation, on: connection)
        }
    }

    func history(_ request: Request, context: AppRequestContext) async throws -> Page<FilingStore.StatusChange> {
        let claims = try context.requirePrincipal()
        let id = try context.pathID()
        return try await pool.withConnection { connection in
            _ = try await Self.readable(id, by: claims, on: connection)
            return Page(all: try await FilingStore.statusHistory(of: id, on: connection))
        }
    }

    private func view(_ filing: FilingRecord, version number: Int, shownAs relation: FilingRelation, on connection: PostgresConnection) async throws -> FilingView {
        guard let version = try await FilingStore.version(number, of: filing.id, on: connection),
            let entry = try await ReportingEnterpriseStore.load(filing.reportingEnterpriseID, on: connection)
        else { throw APIError.notFound("filing version") }
        return try FilingView(
            filing, entry: entry, version: version, versions: try await FilingStore.versions(of: filing.id, on: connection),
            shownAs: relation, policy: runtime.disclosure, cipher: runtime.cipher)
    }

    /// The filing and how the caller stands to it: its enterprise, its liaison, or a statistician of its
    /// county or the city; anyone else gets a 404 (a filing's existence is not told).
    static func readable(_ id: UUID, by claims: AccessClaims, on connection: PostgresConnection) async throws -> (FilingRecord, FilingRelation) {
        guard let filing = try await FilingStore.load(id, on: connection) else { throw APIError.notFound("filing") }
        if claims.accountKind == .person, claims.membership?.enterpriseID == filing.enterpriseID { return (filing, .filer) }
        let access = FilingAccess(claims: claims)
        if access.statisticianCovers(filing.region) { return (filing, .onlooker) }
        if access.isLiaison, try await EnterpriseDirectory.isLiaison(claims.accountID, of: filing.enterpriseID, on: connection) {
            return (filing, .onlooker)
        }
        throw APIError.notFound("filing")
    }
}
