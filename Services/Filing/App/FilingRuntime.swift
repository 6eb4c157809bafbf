import Foundation
import Hummingbird
import PersonalData
import ServiceKit

/// What the filing routes, consumers and jobs share, built once at start-up: the dependencies, the
/// personal-data cipher (production refuses to start without its keys) and who sees personal data whole.
public struct FilingRuntime: Sendable {
    public let dependencies: ServiceDependencies
    public let cipher: FieldCipher
    let disclosure = FilingDisclosure.policy

    public init(dependencies: ServiceDependencies, cipher: FieldCipher) {
        self.dependencies = dependencies
        self.cipher = cipher
    }

    /// Reads the personal-data keys from the environment (development keys only in the local run).
    public init(dependencies: ServiceDependencies, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.init(dependencies: dependencies, cipher: try dependencies.personalDataCipher(environment))
    }
}
