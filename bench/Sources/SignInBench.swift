import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import IdentityApp
import Logging
import Postgres
import ServiceKit
import Synchronization
import TestSupport

/// Sign-in through HTTP with bcrypt at the production cost, beside raw bcrypt verification (the
/// floor: a sign-in is deliberately one bcrypt check plus bookkeeping), and local token
/// verification in another service (cached keys: no network call per request).
struct SignInBench {
    static let cost: UInt8 = 12
    let postgresURL: String
    let brokers: String
    let logger: Logger

    func rawBcrypt(count: Int, concurrency: Int) async throws -> Rate {
        let hash = Bcrypt.hash("Bench#2026pass", cost: Self.cost)
        return try await timedConcurrently(count: count, workers: concurrency) { _ in
            guard Bcrypt.verify("Bench#2026pass", hash: hash) else { throw BenchError("bcrypt mismatch") }
        }
    }

    func signInsOverHTTP(count: Int, concurrency: Int) async throws -> (Rate, Latency) {
        var configuration = try ServiceConfiguration(
            service: .identity,
            environment: ["QINQING_POSTGRES_URL": postgresURL, "QINQING_KAFKA_BROKERS": brokers, "QINQING_LOG_LEVEL": "error"])
        configuration.schema = "bench_identity_\(UInt32.random(in: 0...UInt32.max))"
        configuration.port = 0
        var settings = IdentitySettings(bcryptCost: Self.cost, signInsPerIPPerMinute: 100_000)
        settings.captchaEverySignIn = false  // the bench measures password checks and token issuing
        settings.runsBackgroundJobs = false
        let definition = IdentityService.definition(settings: settings)
        let dependencies = try await ServiceApplication.prepare(definition, configuration: configuration, logger: logger)
        let app = try ServiceApplication.application(
            definition, runtime: try await definition.makeRuntime(dependencies), dependencies: dependencies)
        try await dependencies.pool.execute(
            """
            INSERT INTO accounts (id, kind, username, real_name, password_hash)
            VALUES (\(UUID()), 'person', 'bench-person', '测试', \(Bcrypt.hash("Bench#2026pass", cost: Self.cost)))
            """)
        let latencies = Mutex<[Double]>([])
        let rate = try await app.test(.live) { client in
            try await timedConcurrently(count: count, workers: concurrency) { n in
                let started = ContinuousClock.now
                let response = try await client.execute(
                    uri: "/sessions", method: .post,
                    headers: [.contentType: "application/json", HTTPField.Name("X-Forwarded-For")!: "10.1.\(n / 250).\(n % 250)"],
                    body: ByteBuffer(string: #"{"username":"bench-person","password":"Bench#2026pass"}"#))
                guard response.status == .ok else { throw BenchError("sign-in answered \(response.status)") }
                let elapsed = ContinuousClock.now - started
                latencies.withLock { $0.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000) }
            }
        }
        await dependencies.pool.shutdown()
        let sorted = latencies.withLock { $0 }.sorted()
        func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        return (rate, Latency(count: sorted.count, p50: percentile(0.5), p99: percentile(0.99), max: sorted.last ?? 0))
    }

    /// Verifies one access token repeatedly as any service does; counts JWKS fetches.
    func tokenVerification(count: Int) async throws -> (Rate, fetches: Int) {
        let keys = TestTokens()
        let fetches = Atomic<Int>(0)
        let jwks = keys.jwks
        let verifier = TokenVerifier(
            source: {
                fetches.add(1, ordering: .relaxed)
                return jwks
            }, logger: logger)
        let token = try await keys.token(AccessClaims(accountID: UUID(), accountKind: .person))
        let rate = try await timedConcurrently(count: count, workers: 2) { _ in
            _ = try await verifier.verify(token)
        }
        return (rate, fetches.load(ordering: .relaxed))
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func timedConcurrently(count: Int, workers: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws -> Rate {
    let start = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for worker in 0..<workers {
            group.addTask {
                var n = worker
                while n < count {
                    try await body(n)
                    n += workers
                }
            }
        }
        try await group.waitForAll()
    }
    let elapsed = ContinuousClock.now - start
    return Rate(count: count, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}
