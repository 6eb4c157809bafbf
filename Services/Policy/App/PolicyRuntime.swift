import Foundation
import PersonalData
import ServiceKit

/// What the policy routes, consumers and jobs share, built once at start-up. Redemption applications
/// will carry applicants' contacts, so the service refuses to start without its personal-data keys.
public struct PolicyRuntime: Sendable {
    public let dependencies: ServiceDependencies
    public let cipher: FieldCipher
    /// The published library's list answers, alike for every caller.
    let policyList: PublicListCache
    /// The published redemption items' list answers, alike for every caller.
    let redemptionItemList: PublicListCache

    public init(dependencies: ServiceDependencies, cipher: FieldCipher) {
        self.dependencies = dependencies
        self.cipher = cipher
        self.policyList = PublicListCache(lifetime: dependencies.configuration.publicListCacheLifetime)
        self.redemptionItemList = PublicListCache(lifetime: dependencies.configuration.publicListCacheLifetime)
    }

    public init(dependencies: ServiceDependencies, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.init(dependencies: dependencies, cipher: try dependencies.personalDataCipher(environment))
    }
}
