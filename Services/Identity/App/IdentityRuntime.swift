import Foundation
import HummingbirdBcrypt
import Logging
import PersonalData
import Postgres
import ServiceKit

/// Everything the identity routes and jobs share, built once at start-up: the service's
/// dependencies, its settings, the personal-data cipher, the signing keys and the per-IP limiter.
public final class IdentityRuntime: Sendable {
    public let deps: ServiceDependencies
    public let settings: IdentitySettings
    public let cipher: FieldCipher
    public let keys: SigningKeyStore
    let limiter: RateLimiter
    /// Compared against when the username is unknown, so timing does not reveal which exist.
    let decoyHash: String

    public init(deps: ServiceDependencies, settings: IdentitySettings, cipher: FieldCipher) {
        self.deps = deps
        self.settings = settings
        self.cipher = cipher
        self.keys = SigningKeyStore(pool: deps.pool, cipher: cipher)
        self.limiter = RateLimiter(limit: settings.signInsPerIPPerMinute, window: 60)
        self.decoyHash = Bcrypt.hash(TokenIssuer.randomToken(), cost: settings.bcryptCost)
    }

    var pool: PostgresPool { deps.pool }
    var logger: Logger { deps.logger }

    /// A verifier that reads this service's own public keys from its database (no HTTP call):
    /// used by tests, and usable by the identity process itself.
    public func localVerifier() -> TokenVerifier {
        let keys = self.keys
        return TokenVerifier(source: { try await keys.jwksData() }, logger: deps.logger, minimumRefreshInterval: .zero)
    }
}
