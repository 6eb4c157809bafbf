import Foundation
import ServiceKit

/// The filing service: monthly filings, statistics and reports.
public enum FilingService {
    public static var definition: ServiceDefinition {
        ServiceDefinition(service: .filing, bundle: .module)
    }
}
