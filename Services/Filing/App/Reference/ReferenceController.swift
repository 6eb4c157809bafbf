import Foundation
import Hummingbird
import ServiceKit

/// Public reference data: the GB/T 4754-2017 classification, the counties and the key-industry types.
struct ReferenceController {
    let runtime: FilingRuntime
    static let levels = ["section", "division", "group", "class"]

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("industries", use: industries)
        router.get("industries/:code", use: industry)
        router.get("regions", use: regions)
        router.get("key-industry-types", use: keyIndustryTypes)
    }

    func industries(_ request: Request, context: AppRequestContext) async throws -> Page<ReferenceStore.Industry> {
        let paging = try Paging(request)
        let query = request.uri.queryParameters
        let level = try QueryFilter.oneOf(request, "level", Self.levels)
        let parent = try Validate.optionalText(query.get("parent"), "parent", max: 8)
        let text = try Validate.optionalText(query.get("q"), "q", max: 50)
        return try await runtime.dependencies.pool.withConnection { connection in
            try await ReferenceStore.industries(level: level, parent: parent, query: text, paging: paging, on: connection)
        }
    }

    func industry(_ request: Request, context: AppRequestContext) async throws -> ReferenceStore.Industry {
        let code = try context.pathText("code", maxLength: 8)
        return try await runtime.dependencies.pool.withConnection { connection in
            guard let found = try await ReferenceStore.industry(code, on: connection) else { throw APIError.notFound("industry") }
            return found
        }
    }

    func regions(_ request: Request, context: AppRequestContext) async throws -> Page<ReferenceStore.Region> {
        Page(all: try await runtime.dependencies.pool.withConnection { try await ReferenceStore.regions(on: $0) })
    }

    /// 重点产业类型: the names the form's `keyIndustryType` takes, paged like the classification.
    func keyIndustryTypes(_ request: Request, context: AppRequestContext) async throws -> Page<ReferenceStore.KeyIndustryType> {
        let paging = try Paging(request)
        return try await runtime.dependencies.pool.withConnection { connection in
            try await ReferenceStore.keyIndustryTypes(paging: paging, on: connection)
        }
    }
}
