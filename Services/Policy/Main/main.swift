import PolicyApp
import ServiceKit

await ServiceMain.run(PolicyService.definition)
