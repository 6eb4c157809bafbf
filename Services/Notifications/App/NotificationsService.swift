import Foundation
import ServiceKit

/// The notifications service: sMS, in-site messages and their delivery.
public enum NotificationsService {
    public static var definition: ServiceDefinition {
        ServiceDefinition(service: .notifications, bundle: .module)
    }
}
