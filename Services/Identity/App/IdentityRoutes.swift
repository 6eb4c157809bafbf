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
        EnterprisesController(runtime: runtime).addRoutes(to: router)
        EnterpriseUpkeep(runtime: runtime).addRoutes(to: router)
        EnterpriseImport(runtime: runtime).addRoutes(to: router)
        MembershipsController(runtime: runtime).addRoutes(to: router)
        LiaisonController(runtime: runtime).addRoutes(to: router)
        HelpRequestsController(runtime: runtime).addRoutes(to: router)
        LiaisonWorkController(runtime: runtime).addRoutes(to: router)
        ContactGapsController(runtime: runtime).addRoutes(to: router)
    }
}
