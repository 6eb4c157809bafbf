import Foundation
import Hummingbird
import ServiceKit

/// Public reference data: regions, industry sections and the unit tree.
struct ReferenceController: IdentityController {
    let runtime: IdentityRuntime
    static let unitKinds = ["city", "department", "county", "district", "zone", "industryGroup"]

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/regions") { _, _ -> Page<ReferenceStore.Region> in
            Page(all: try await ReferenceStore.regions(on: runtime.pool))
        }
        router.get("/industries") { _, _ -> Page<ReferenceStore.Industry> in
            Page(all: try await ReferenceStore.industries(on: runtime.pool))
        }
        router.get("/units") { request, _ -> Page<ReferenceStore.Unit> in
            let kind = request.uri.queryParameters.get("kind")
            if let kind, !Self.unitKinds.contains(kind) {
                throw APIError.invalid("kind", "must be one of \(Self.unitKinds.joined(separator: ", "))")
            }
            return Page(all: try await ReferenceStore.units(kind: kind, on: runtime.pool))
        }
    }
}
