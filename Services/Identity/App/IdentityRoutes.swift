import Hummingbird
import ServiceKit

/// Every route of the identity service.
struct IdentityRoutes {
    let runtime: IdentityRuntime

    func addRoutes(to router: Router<AppRequestContext>) {
        ReferenceController(runtime: runtime).addRoutes(to: router)
        SessionsController(runtime: runtime).addRoutes(to: router)
        PersonsController(runtime: runtime).addRoutes(to: router)
        OfficialsController(runtime: runtime).addRoutes(to: router)
        AdminController(runtime: runtime).addRoutes(to: router)
    }
}
