import NotificationsApp
import ServiceKit

await ServiceMain.run(NotificationsService.definition)
