import Foundation
import PersonalData

extension ServiceDependencies {
    /// The personal-data cipher from `QINQING_PII_*`: development keys only in the local run; anywhere
    /// else a missing or malformed key throws, naming the variable, and the service does not start.
    public func personalDataCipher(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> FieldCipher {
        try FieldCipher.fromEnvironment(environment, allowDevelopmentKeys: configuration.environment == .local)
    }
}
