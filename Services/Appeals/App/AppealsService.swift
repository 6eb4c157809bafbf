import Foundation
import ServiceKit

/// The appeals service: appeals, complaints, help requests, ratings and deadlines.
public enum AppealsService {
    public static var definition: ServiceDefinition {
        ServiceDefinition(service: .appeals, bundle: .module)
    }
}
