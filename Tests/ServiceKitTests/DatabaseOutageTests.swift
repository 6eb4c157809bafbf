import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Postgres
import ServiceKit
import Testing
import TestSupport

@Suite("Database outage")
struct DatabaseOutageTests {
    @Test("a route whose database is unreachable answers 503 with Retry-After and a JSON error, and readiness says so")
    func unreachableDatabase() async throws {
        let port = try FreePort.find()  // nothing listens here
        let pool = PostgresPool(
            configuration: .init(url: "postgresql://postgres@127.0.0.1:\(port)/qinqing", poolSize: 2, connectTimeout: .seconds(2)),
            logger: Logger(label: "test"))
        let router = ServiceRouter.build(
            checks: [ReadinessCheck(name: "postgres") { await pool.isReachable() }],
            verifier: TokenVerifier(source: { Data("{\"keys\":[]}".utf8) }, logger: Logger(label: "test")),
            openAPI: ""
        ) { router in
            router.get("/count") { _, _ -> String in
                let rows = try await pool.query("SELECT 1 AS one")
                return "\(rows.count)"
            }
        }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/count", method: .get) { response throws in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: [String: String]]
                #expect(body?["error"]?["code"] == "database_unavailable")
                #expect(body?["error"]?["message"]?.contains(String(port)) == false)
            }
            try await client.execute(uri: "/health/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
            }
        }
        await pool.shutdown()
    }
}

@Suite("Database outage and recovery")
struct DatabaseRecoveryTests {
    @Test("while the database is cut off a route answers 503; when it returns the same service answers 200 again")
    func recoversByItself() async throws {
        let url = try TestEnvironment.postgresURL()
        guard let components = URLComponents(string: url), let upstream = components.port else {
            Issue.record("QINQING_TEST_POSTGRES_URL has no port")
            return
        }
        let proxy = try TCPProxy(upstreamPort: upstream)
        var proxied = components
        proxied.port = proxy.port
        let pool = PostgresPool(
            configuration: .init(url: proxied.string ?? url, poolSize: 2, connectTimeout: .seconds(2)),
            logger: Logger(label: "test"))
        let router = ServiceRouter.build(
            checks: [ReadinessCheck(name: "postgres") { await pool.isReachable() }],
            verifier: TokenVerifier(source: { Data("{\"keys\":[]}".utf8) }, logger: Logger(label: "test")),
            openAPI: ""
        ) { router in
            router.get("/answer") { _, _ -> String in
                let rows = try await pool.query("SELECT 41 + 1 AS answer")
                return "\(try rows[rows.startIndex].decode("answer", as: Int.self))"
            }
        }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/answer", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "42")
            }
            proxy.cut()
            try await client.execute(uri: "/answer", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
            }
            try await client.execute(uri: "/health/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
            }
            try proxy.restore()
            try await client.execute(uri: "/answer", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "42")
            }
            try await client.execute(uri: "/health/ready", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
        await pool.shutdown()
    }
}
