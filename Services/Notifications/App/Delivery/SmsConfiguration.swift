import Foundation
import ServiceKit

/// `QINQING_SMS_PROVIDER` = `local` (default in the local run) or `http` with `QINQING_SMS_URL`,
/// `QINQING_SMS_ACCESS_KEY` and `QINQING_SMS_SECRET`. Production must use `http`.
struct SmsConfiguration: Sendable {
    var http: HTTPSmsProvider.Configuration?

    init(environment: [String: String], deployment: ServiceConfiguration.Environment) throws {
        let kind = environment["QINQING_SMS_PROVIDER"] ?? (deployment == .local ? "local" : "http")
        switch kind {
        case "local" where deployment == .local:
            http = nil
        case "http":
            guard let text = environment["QINQING_SMS_URL"], let url = URL(string: text), url.scheme?.hasPrefix("http") == true
            else { throw ConfigurationError(variable: "QINQING_SMS_URL") }
            guard let key = environment["QINQING_SMS_ACCESS_KEY"], !key.isEmpty else {
                throw ConfigurationError(variable: "QINQING_SMS_ACCESS_KEY")
            }
            guard let secret = environment["QINQING_SMS_SECRET"], secret.count >= 16 else {
                throw ConfigurationError(variable: "QINQING_SMS_SECRET")
            }
            http = .init(url: url, accessKey: key, secret: secret)
        default:
            throw ConfigurationError(variable: "QINQING_SMS_PROVIDER")
        }
    }
}
