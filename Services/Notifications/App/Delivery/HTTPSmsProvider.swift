import Crypto
import Foundation
import Postgres

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An SMS gateway over HTTP. Each request is JSON `{messageId, phone, text, parts}` signed with
/// HMAC-SHA256 over `timestamp + "\n" + body` (headers `X-Qinqing-Key`, `X-Qinqing-Timestamp`,
/// `X-Qinqing-Signature`, hex). A 2xx answer `{"providerMessageId": "..."}` is accepted; 429, 5xx
/// and transport errors are retried; other 4xx fail for good. The gateway reports delivery to
/// `POST /sms/callback`, signed the same way.
struct HTTPSmsProvider: SmsProvider {
    struct Configuration: Sendable {
        var url: URL
        var accessKey: String
        var secret: String
        var timeout: TimeInterval = 10
    }

    let configuration: Configuration
    var name: String { "http" }

    struct RequestBody: Codable {
        var messageId: String
        var phone: String
        var text: String
        var parts: Int
    }

    struct ResponseBody: Codable {
        var providerMessageId: String
    }

    func send(_ sms: OutgoingSms, on connection: PostgresConnection) async throws(SmsProviderError) -> String {
        let body: Data
        do {
            body = try JSONEncoder().encode(
                RequestBody(messageId: String(sms.smsID), phone: sms.phone, text: sms.text, parts: sms.parts))
        } catch {
            throw SmsProviderError(retriable: false, reason: "could not encode the request")
        }
        let timestamp = String(Int(Date().timeIntervalSince1970))
        var request = URLRequest(url: configuration.url, timeoutInterval: configuration.timeout)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(configuration.accessKey, forHTTPHeaderField: "X-Qinqing-Key")
        request.setValue(timestamp, forHTTPHeaderField: "X-Qinqing-Timestamp")
        request.setValue(
            SmsSignature.sign(body: body, timestamp: timestamp, secret: configuration.secret),
            forHTTPHeaderField: "X-Qinqing-Signature")
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw SmsProviderError(retriable: true, reason: "gateway unreachable")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        switch status {
        case 200..<300:
            guard let answer = try? JSONDecoder().decode(ResponseBody.self, from: data) else {
                throw SmsProviderError(retriable: true, reason: "gateway answered \(status) without providerMessageId")
            }
            return answer.providerMessageId
        case 429, 500..<600:
            throw SmsProviderError(retriable: true, reason: "gateway answered \(status)")
        default:
            throw SmsProviderError(retriable: false, reason: "gateway refused the message (\(status))")
        }
    }
}

/// HMAC-SHA256 request signatures shared by the gateway requests and its callbacks.
enum SmsSignature {
    static func sign(body: Data, timestamp: String, secret: String) -> String {
        var signed = Data(timestamp.utf8)
        signed.append(0x0a)
        signed.append(body)
        let code = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Data(secret.utf8)))
        return code.map { String(format: "%02x", $0) }.joined()
    }

    /// Constant-time check, and the timestamp must be within five minutes of `now`.
    static func verify(body: Data, timestamp: String, signature: String, secret: String, now: Date = Date()) -> Bool {
        guard let seconds = TimeInterval(timestamp), abs(now.timeIntervalSince1970 - seconds) <= 300 else { return false }
        let expected = Array(sign(body: body, timestamp: timestamp, secret: secret).utf8)
        let given = Array(signature.lowercased().utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
