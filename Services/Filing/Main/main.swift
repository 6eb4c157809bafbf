import FilingApp
import ServiceKit

await ServiceMain.run(FilingService.definition)
