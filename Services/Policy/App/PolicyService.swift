import Foundation
import ServiceKit

/// The policy service: policies, interpretations, redemption, public notices and subscriptions.
public enum PolicyService {
    public static var definition: ServiceDefinition<ServiceDependencies> {
        ServiceDefinition(service: .policy, bundle: .module)
    }
}
