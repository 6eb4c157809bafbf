import Dispatch
import Foundation
import HummingbirdBcrypt

/// bcrypt off Swift's cooperative pool: it is deliberately slow (hundreds of milliseconds at the
/// production cost), and a detached task would still occupy one of the pool's few threads, stalling
/// every other request's async work meanwhile. Dispatch threads take it instead.
enum Passwords {
    private static let queue = DispatchQueue(label: "qinqing.identity.bcrypt", qos: .userInitiated, attributes: .concurrent)

    static func hash(_ password: String, cost: UInt8) async -> String {
        await offPool { Bcrypt.hash(password, cost: cost) }
    }

    static func verify(_ password: String, hash: String) async -> Bool {
        await offPool { Bcrypt.verify(password, hash: hash) }
    }

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
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
