import Contracts
import Foundation
@testable import IdentityApp
import Testing

@Suite("Local demo data")
struct DemoDataTests {
    @Test("the seed makes one account of each kind with the documented password, enterprises with members, and liaison assignments; seeding twice is harmless")
    func seed() async throws {
        try await IdentityHarness.run { client, harness in
            try await DemoData(runtime: harness.runtime).seed()
            try await DemoData(runtime: harness.runtime).seed()
            for username in ["admin", "inspector", "dispatcher", "unitadmin", "liaison", "statistician", "industry-monitor", "qiye-member", "person"] {
                let reply = try await client.signIn(username, DemoData.password)
                #expect(reply.string("accessToken") != nil, "\(username): \(reply.text)")
            }
            let enterpriseAdmin = try await client.signIn("qiye-admin", DemoData.password)
            let membership = (enterpriseAdmin.json["claims"] as? [String: Any])?["membership"] as? [String: Any]
            #expect(membership?["role"] as? String == "admin")
            let liaison = try await client.signIn("liaison", DemoData.password)
            let mine = try await client.call(.get, "/enterprises", bearer: "Bearer " + (liaison.string("accessToken") ?? ""))
            #expect(mine.json["total"] as? Int == 2)
            let count = try await harness.pool.query("SELECT count(*) AS n FROM enterprises").first?.decode("n", as: Int.self)
            #expect(count == 3)
        }
    }
}
