@testable import AppealsApp
import Contracts
import Crypto
import Foundation
import HummingbirdTesting
import PersonalData
import Postgres
import ServiceKit
import Testing

@Suite("Personal data after a key rotation")
struct KeyRotationTests {
    struct Contact: Equatable {
        var caseID: UUID
        var field: String
        var keyID: String
        var sealed: Data
        var lookupHash: Data
    }

    func contacts(_ h: AppealsHarness) async throws -> [Contact] {
        try await h.dependencies.pool.query(
            "SELECT case_id, field, key_id, sealed, lookup_hash FROM case_contacts ORDER BY case_id, field"
        ).map { row in
            Contact(
                caseID: try row.decode("case_id"), field: try row.decode("field"), keyID: try row.decode("key_id"),
                sealed: try row.decode("sealed"), lookupHash: try row.decode("lookup_hash"))
        }
    }

    /// The personal values of an item's detail as `claims` sees them.
    func personal(_ h: AppealsHarness, _ client: some TestClientProtocol, _ kind: String, _ id: String, as claims: AccessClaims) async throws -> [String] {
        let detail = try await h.call(client, .get, "/\(kind)/\(id)", as: claims)
        #expect(detail.status == .ok)
        if let basic = (detail["appealForm"] as? [String: Any])?["basic"] as? [String: Any] {
            return [basic["principalPhone"], basic["contactPhone"]].map { $0 as? String ?? "-" }
        }
        let form = detail["complaintForm"] as? [String: Any] ?? [:]
        return [form["contactIDNumber"], form["contactPhone"], form["contactEmail"]].map { $0 as? String ?? "-" }
    }

    @Test("rows sealed under key A are re-sealed under B in batches; plaintext, hashes and the API's views stay the same")
    func reseal() async throws {
        let h = try await AppealsHarness.make()
        let keyA = SymmetricKey(size: .bits256)
        let keyB = SymmetricKey(size: .bits256)
        let hashKey = SymmetricKey(size: .bits256)
        let cipherA = try FieldCipher(keys: ["a": keyA], currentKeyID: "a", hashKey: hashKey)
        let cipherB = try FieldCipher(keys: ["a": keyA, "b": keyB], currentKeyID: "b", hashKey: hashKey)
        let onlyB = try FieldCipher(keys: ["b": keyB], currentKeyID: "b", hashKey: hashKey)

        let (items, views) = try await h.application(cipher: cipherA).test(.router) { client in
            var items: [(kind: String, id: String)] = []
            var views: [[String]] = []
            for _ in 0..<3 {
                items.append(("appeals", try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal()).string("id"))))
                items.append(("complaints", try #require(try await h.call(client, .post, "/complaints", as: h.enterprise, json: Forms.complaint()).string("id"))))
            }
            for item in items {
                views.append(try await personal(h, client, item.kind, item.id, as: h.enterprise))
                views.append(try await personal(h, client, item.kind, item.id, as: h.inspector))
            }
            return (items, views)
        }
        #expect(views[0] == ["13912345678", "13887654321"])
        #expect(views[1] == ["139****5678", "138****4321"])
        #expect(views[3].contains(Forms.complaintPhone) == false)

        let sealedUnderA = try await contacts(h)
        #expect(sealedUnderA.count == 15)
        #expect(sealedUnderA.allSatisfy { $0.keyID == "a" })

        // The service restarts with B current and A still readable; its job re-seals in batches of 4.
        let job = SealedColumnRotation(
            pool: h.dependencies.pool, columns: SealedContacts.columns, cipher: cipherB, batchSize: 4, logger: h.dependencies.logger)
        #expect(try await job.staleCount() == 15)
        #expect(try await job.pass() == 15)
        #expect(try await job.staleCount() == 0)
        #expect(try await job.pass() == 0)

        let resealed = try await contacts(h)
        #expect(resealed.map(\.keyID) == Array(repeating: "b", count: 15))
        for (old, new) in zip(sealedUnderA, resealed) {
            #expect(new.caseID == old.caseID && new.field == old.field)
            #expect(new.sealed != old.sealed)
            #expect(new.lookupHash == old.lookupHash)
            let plaintext = try cipherA.open(SealedField(keyID: old.keyID, ciphertext: old.sealed))
            #expect(try onlyB.open(SealedField(keyID: new.keyID, ciphertext: new.sealed)) == plaintext)
        }

        // Key A can go: the service with B alone shows the same values, whole and masked.
        try await h.application(cipher: onlyB).test(.router) { client in
            var after: [[String]] = []
            for item in items {
                after.append(try await personal(h, client, item.kind, item.id, as: h.enterprise))
                after.append(try await personal(h, client, item.kind, item.id, as: h.inspector))
            }
            #expect(after == views)
        }
    }

    @Test("the service's own job uses the current key of its cipher")
    func serviceJob() async throws {
        let h = try await AppealsHarness.make()
        let keyA = SymmetricKey(size: .bits256)
        let hashKey = SymmetricKey(size: .bits256)
        let cipherA = try FieldCipher(keys: ["a": keyA], currentKeyID: "a", hashKey: hashKey)
        try await h.application(cipher: cipherA).test(.router) { client throws in
            #expect(try await h.call(client, .post, "/complaints", as: h.enterprise, json: Forms.complaint()).status == .created)
        }
        let cipherB = try FieldCipher(keys: ["a": keyA, "b": SymmetricKey(size: .bits256)], currentKeyID: "b", hashKey: hashKey)
        let job = try #require(
            AppealsService.definition.jobs(h.runtime(cipher: cipherB)).compactMap { $0 as? SealedColumnRotation }.first)
        #expect(try await job.pass() == 3)
        #expect(try await contacts(h).allSatisfy { $0.keyID == "b" })
    }
}
