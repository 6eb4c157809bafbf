import IdentityApp
import ServiceKit

await ServiceMain.run(IdentityService.definition)
