import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// The library as guests and users read it: the list with filters, keyword and sort; a policy with
/// its versions; its status history (its unit, admins, inspectors); the published catalogue as CSV.
struct PolicyLibraryController {
    let runtime: PolicyRuntime

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("policies", use: list)
        router.get("policies/:id", use: detail)
        router.get("policies/:id/history", use: history)
        router.get("policy-catalogue", use: catalogue)
    }

    /// The same for every caller (published policies only), so answers are kept briefly (`PublicListCache`).
    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let filter = try PolicyFilter(request)
        let paging = try Paging(request)
        return try await runtime.policyList.response(for: request) {
            try await runtime.dependencies.pool.withConnection { connection in
                try await PolicyStore.list(filter, paging: paging, on: connection)
            }
        }
    }

    /// Published and withdrawn policies are public (a withdrawn one says why); a never published one
    /// exists only for its unit's editors and reviewers.
    func detail(_ request: Request, context: AppRequestContext) async throws -> PolicyView {
        let id = try context.pathID()
        let staff = context.principal.map(PolicyStaff.init)
        return try await runtime.dependencies.pool.withConnection { connection in
            guard let record = try await PolicyStore.load(id, on: connection) else { throw APIError.notFound("policy") }
            let isStaff = staff?.belongs(to: record.agencyID) ?? false
            guard record.status != .unpublished || isStaff else { throw APIError.notFound("policy") }
            var view = PolicyView(record, staff: isStaff, versions: try await PolicyStore.versions(id, on: connection))
            view.interpretations = try await InterpretationStore.published(of: id, on: connection)
                .map { InterpretationView($0, staff: false, withBody: false) }
            view.redemptionItems = try await RedemptionItemStore.published(of: id, on: connection)
                .map { RedemptionItemView($0, staff: false, detail: false) }
            return view
        }
    }

    func history(_ request: Request, context: AppRequestContext) async throws -> Page<PolicyView.Step> {
        let principal = try context.requirePrincipal()
        let id = try context.pathID()
        return try await runtime.dependencies.pool.withConnection { connection in
            guard let record = try await PolicyStore.load(id, on: connection) else { throw APIError.notFound("policy") }
            let staff = PolicyStaff(principal).belongs(to: record.agencyID)
            guard staff || principal.isOfficial(.platformAdmin, .inspector) else {
                if record.status == .unpublished { throw APIError.notFound("policy") }
                throw APIError.forbidden
            }
            return Page(all: try await PolicyStore.history(id, on: connection))
        }
    }

    /// 已发布政策清单目录 (art. 5): every published policy, UTF-8 CSV with a BOM (opens in Excel).
    func catalogue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let rows = try await runtime.dependencies.pool.withConnection { try await PolicyStore.catalogue(on: $0) }
        let text = PolicyCatalogue.csv(rows)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"policy-catalogue.csv\"",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))))
    }
}
