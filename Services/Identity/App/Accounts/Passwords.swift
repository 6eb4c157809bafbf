import Foundation
import HummingbirdBcrypt

/// bcrypt off the cooperative pool's hot path (it is deliberately slow).
enum Passwords {
    static func hash(_ password: String, cost: UInt8) async -> String {
        await Task.detached(priority: .medium) { Bcrypt.hash(password, cost: cost) }.value
    }

    static func verify(_ password: String, hash: String) async -> Bool {
        await Task.detached(priority: .medium) { Bcrypt.verify(password, hash: hash) }.value
    }

    /// A temporary password an admin hands over (meets the policy; must be changed at sign-in).
    static func temporary() -> String {
        let lower = Array("abcdefghjkmnpqrstuvwxyz"), upper = Array("ABCDEFGHJKLMNPQRSTUVWXYZ"), digits = Array("23456789")
        var characters: [Character] = []
        for _ in 0..<4 { characters.append(lower.randomElement() ?? "a") }
        for _ in 0..<3 { characters.append(upper.randomElement() ?? "A") }
        for _ in 0..<3 { characters.append(digits.randomElement() ?? "2") }
        return String(characters.shuffled())
    }
}
