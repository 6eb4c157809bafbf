import Contracts
import Foundation
import Outbox
import PersonalData
import Postgres
import ServiceKit

/// What the routes, the consumer and the jobs share, built once from the dependencies and the
/// environment. Production refuses to start without personal-data keys or SMS gateway settings.
public struct NotificationsRuntime: Sendable {
    let deps: ServiceDependencies
    let cipher: FieldCipher
    let sms: SmsConfiguration
    /// Who sees phones whole: platform admins; everyone else (inspectors, the local outbox) sees them masked.
    let disclosure: DisclosurePolicy<AccessClaims?>

    init(_ deps: ServiceDependencies, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.deps = deps
        self.cipher = try deps.personalDataCipher(environment)
        self.sms = try SmsConfiguration(environment: environment, deployment: deps.configuration.environment)
        self.disclosure = DisclosurePolicy { _, viewer in viewer?.isOfficial(.platformAdmin) ?? false }
    }

    var pool: PostgresPool { deps.pool }

    /// The sealed phone columns the re-sealing job moves to the current key.
    static let sealedPhones = [
        SealedColumn.field("phone", of: "contacts"),
        SealedColumn.field("phone", of: "enterprise_contacts"),
        SealedColumn.field("phone", of: "sms_messages"),
        SealedColumn.field("phone", of: "local_sms"),
    ]

    var contacts: ContactProjection { ContactProjection(cipher: cipher, rules: rules) }

    var rules: RuleEngine { RuleEngine(logger: deps.logger) }

    /// The identity read models first; every event (projected or not) then reaches the rules.
    func handlers() -> EventHandlers {
        let rules = self.rules
        var handlers = EventHandlers([IdentityProjection(rules: rules), contacts, SubmitterProjection(rules: rules)])
        handlers.onEveryOtherType { envelope, connection in try await rules.apply(envelope, on: connection) }
        return handlers
    }

    func provider() -> any SmsProvider {
        if let http = sms.http { return HTTPSmsProvider(configuration: http) }
        return LocalSmsProvider(cipher: cipher)
    }

    func dispatcher(provider: (any SmsProvider)? = nil) -> SmsDispatcher {
        SmsDispatcher(pool: pool, provider: provider ?? self.provider(), contacts: contacts, logger: deps.logger)
    }

    func phoneResealing() -> SealedColumnRotation {
        SealedColumnRotation(pool: pool, columns: Self.sealedPhones, cipher: cipher, logger: deps.logger)
    }
}
