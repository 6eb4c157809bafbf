import Crypto
import Foundation
import Hummingbird
import Postgres

/// Single-use sign-in challenges, drawn by the service as SVG paths (`CaptchaRenderer`, from the
/// built-in `CaptchaFont`; never text): five characters from a 31-symbol alphabet without look-alikes
/// (31^5 ≈ 28.6 million answers), valid for `captchaLifetime` (120 s) and used up by the first
/// attempt, right or wrong. Only the answer's hash is stored.
enum Captcha {
    static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    struct Challenge: ResponseCodable {
        var captchaID: UUID
        var svg: String
        var expiresAt: Date
    }

    static func create(lifetime: TimeInterval, on pool: PostgresPool) async throws -> Challenge {
        let answer = String((0..<5).map { _ in alphabet.randomElement() ?? "A" })
        let id = UUID()
        let expires = Date().addingTimeInterval(lifetime)
        try await SessionStore.insertCaptcha(id: id, answerHash: digest(answer), expiresAt: expires, on: pool)
        return Challenge(captchaID: id, svg: render(answer), expiresAt: expires)
    }

    /// Uses up the challenge; true when it existed, was fresh and `answer` matches (case-insensitive).
    static func consume(id: UUID, answer: String, on connection: PostgresConnection) async throws -> Bool {
        guard let stored = try await SessionStore.useCaptcha(id, on: connection) else { return false }
        let normalized = answer.trimmingCharacters(in: .whitespaces).uppercased()
        return stored == digest(normalized)
    }

    static func digest(_ answer: String) -> Data { Data(SHA256.hash(data: Data(("captcha:" + answer).utf8))) }

    static func render(_ answer: String) -> String {
        var renderer = CaptchaRenderer()
        return renderer.render(answer)
    }
}
