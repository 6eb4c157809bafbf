import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// 政策汇编: a policy reviewer assembles chosen published policies into a named, ordered compilation,
/// published at once (evented); anyone reads it and downloads it as one printable HTML page.
struct CompilationsController {
    let runtime: PolicyRuntime
    var dependencies: ServiceDependencies { runtime.dependencies }

    struct CompilationBody: Decodable {
        var title: String?
        var description: String?
        var policyIDs: [UUID]?
    }

    struct CompilationView: ResponseCodable {
        var id: UUID
        var title: String
        var description: String?
        var unitID: UUID
        var publishedAt: Date
        var policies: [Policy]

        struct Policy: Codable {
            var position: Int
            var policyID: UUID
            var title: String
            var documentNumber: String
            var agencyName: String?
            var region: String
            var issuedAt: Date
            var status: String
        }
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("compilations", use: list)
        router.post("compilations", use: assemble)
        router.get("compilations/:id", use: show)
        router.get("compilations/:id/printable", use: printable)
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Page<CompilationStore.Summary> {
        let paging = try Paging(request)
        let keyword = try Validate.keyword(request)
        return try await dependencies.pool.withConnection { connection in
            try await CompilationStore.list(keyword: keyword, paging: paging, on: connection)
        }
    }

    func assemble(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<CompilationView> {
        let reviewer = try context.requireOfficial(.policyReviewer)
        guard let unitID = reviewer.unitID else { throw APIError.forbidden }
        let body = try await request.decodeBody(CompilationBody.self, context: context)
        let title = try Validate.contentText(body.title, "title", max: 200)
        let description = try Validate.optionalContentText(body.description, "description", max: 2000)
        guard let policyIDs = body.policyIDs, !policyIDs.isEmpty, policyIDs.count <= 200 else {
            throw APIError.invalid("policyIDs", "must list 1 to 200 policies")
        }
        guard Set(policyIDs).count == policyIDs.count else { throw APIError.invalid("policyIDs", "must not list a policy twice") }
        let id = UUID()
        let now = Date()
        try await dependencies.pool.withTransaction { connection in
            let missing = try await CompilationStore.unpublished(policyIDs, on: connection)
            if let index = policyIDs.firstIndex(where: missing.contains) {
                throw APIError.unknown("policyIDs[\(index)]", "is not a published policy")
            }
            try await CompilationStore.insert(
                id, title: title, description: description, policyIDs: policyIDs, unitID: unitID, by: reviewer.accountID, at: now, on: connection)
            try await AuditTrail.append(
                AuditEntry(action: "compilation.published", subjectKind: "compilation", subjectID: id.uuidString.lowercased(), by: reviewer,
                           acting: [.policyReviewer], detail: ["title": .string(title), "policies": .int(policyIDs.count)]), on: connection)
            try await dependencies.outbox.append(
                CompilationPublished(
                    compilation: .init(id: id, title: title, unitID: unitID, policyIDs: policyIDs), publishedBy: reviewer.accountID, publishedAt: now),
                on: connection)
        }
        return EditedResponse(status: .created, response: try await view(id))
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> CompilationView {
        try await view(try context.pathID())
    }

    /// The whole compilation as one printable HTML page, to save or print.
    func printable(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.pathID()
        let page = try await dependencies.pool.withConnection { connection in
            guard let compilation = try await CompilationStore.find(id, on: connection) else { throw APIError.notFound("compilation") }
            return PrintableCompilation.html(compilation, entries: try await CompilationStore.entries(id, on: connection))
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .contentDisposition: "attachment; filename=\"compilation-\(id.uuidString.lowercased()).html\"",
                .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src https: http:",
            ],
            body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    private func view(_ id: UUID) async throws -> CompilationView {
        try await dependencies.pool.withConnection { connection in
            guard let compilation = try await CompilationStore.find(id, on: connection) else { throw APIError.notFound("compilation") }
            let entries = try await CompilationStore.entries(id, on: connection)
            return CompilationView(
                id: compilation.id, title: compilation.title, description: compilation.description, unitID: compilation.unitID,
                publishedAt: compilation.publishedAt,
                policies: entries.map {
                    .init(position: $0.position, policyID: $0.policyID, title: $0.title, documentNumber: $0.documentNumber,
                          agencyName: $0.agencyName, region: $0.region, issuedAt: $0.issuedAt, status: $0.status)
                })
        }
    }
}
