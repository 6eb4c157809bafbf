import Foundation
import ServiceKit

/// The filing service: monthly filings of reporting enterprises, statistics and reports.
public enum FilingService {
    public static var definition: ServiceDefinition<ServiceDependencies> {
        ServiceDefinition(service: .filing, bundle: .module)
    }
}
