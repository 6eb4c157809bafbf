import AppealsApp
import ServiceKit

await ServiceMain.run(AppealsService.definition)
