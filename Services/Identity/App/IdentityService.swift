import Foundation
import ServiceKit

/// The identity service: accounts, roles, tokens, enterprise membership and the organization.
public enum IdentityService {
    public static var definition: ServiceDefinition {
        ServiceDefinition(service: .identity, bundle: .module)
    }
}
