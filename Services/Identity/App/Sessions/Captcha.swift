import Crypto
import Foundation
import Hummingbird
import Postgres

/// Single-use sign-in challenges, drawn by the service as SVG: five characters from an alphabet
/// without look-alikes, each shifted and rotated, over noise lines. Only the answer's hash is stored.
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
        var svg = ##"<svg xmlns="http://www.w3.org/2000/svg" width="150" height="50" viewBox="0 0 150 50">"##
        svg += ##"<rect width="150" height="50" fill="#f4f6f8"/>"##
        for _ in 0..<6 {
            let points = (0..<4).map { _ in Int.random(in: 0...150) }
            svg += ##"<line x1="\##(points[0])" y1="\##(points[1] % 50)" x2="\##(points[2])" y2="\##(points[3] % 50)" stroke="#9aa5b1" stroke-width="1"/>"##
        }
        for (index, character) in answer.enumerated() {
            let x = 15 + index * 26 + Int.random(in: -3...3)
            let y = 34 + Int.random(in: -5...5)
            let angle = Int.random(in: -25...25)
            svg += ##"<text x="\##(x)" y="\##(y)" transform="rotate(\##(angle) \##(x) \##(y))" font-family="monospace" font-size="28" fill="#243b53">\##(character)</text>"##
        }
        return svg + "</svg>"
    }
}
