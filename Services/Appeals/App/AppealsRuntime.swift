import Foundation
import PersonalData
import ServiceKit

/// What the appeals routes, consumer and jobs share, built once at start-up: the dependencies, the
/// personal-data cipher (production refuses to start without its keys) and who sees personal data whole.
public struct AppealsRuntime: Sendable {
    public let dependencies: ServiceDependencies
    public let cipher: FieldCipher
    let disclosure = AppealsDisclosure.policy
    /// The public register's pages, the same for every guest (`PublicListCache`).
    let registerList: PublicListCache

    public init(dependencies: ServiceDependencies, cipher: FieldCipher) {
        self.dependencies = dependencies
        self.cipher = cipher
        self.registerList = PublicListCache(lifetime: dependencies.configuration.publicListCacheLifetime)
    }

    /// Reads the personal-data keys from the environment (development keys only in the local run).
    public init(dependencies: ServiceDependencies, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.init(dependencies: dependencies, cipher: try dependencies.personalDataCipher(environment))
    }
}
