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
