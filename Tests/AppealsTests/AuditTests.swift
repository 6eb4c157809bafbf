@testable import AppealsApp
import Contracts
import Foundation
import HummingbirdTesting
import Postgres
import ServiceKit
import Testing

@Suite("Audit trail of administrative changes")
struct AuditTests {
    struct Row {
        var actorRole: String
        var action: String
        var subjectKind: String
        var subjectID: String
        var before: [String: Any]?
        var after: [String: Any]?
    }

    func rows(_ h: AppealsHarness) async throws -> [Row] {
        try await h.dependencies.pool.query(
            """
            SELECT actor_role, action, subject_kind, subject_id, (detail->'before')::text AS b, (detail->'after')::text AS a
            FROM audit_trail ORDER BY seq
            """
        ).map { row in
            func object(_ text: String?) -> [String: Any]? {
                text.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            }
            return Row(
                actorRole: try row.decode("actor_role"), action: try row.decode("action"), subjectKind: try row.decode("subject_kind"),
                subjectID: try row.decode("subject_id"), before: object(try row.decode("b", as: String?.self)),
                after: object(try row.decode("a", as: String?.self)))
        }
    }

    @Test("category create and update each write one row with before/after; refused changes write none")
    func categories() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            let body = ["code": "landUse", "kind": "appeal", "name": "用地问题"]
            #expect(try await h.call(client, .post, "/categories", as: h.platformAdmin, json: ["code": "1bad", "kind": "appeal", "name": "x"]).status == .badRequest)
            #expect(try await h.call(client, .post, "/categories", as: h.dispatcher, json: body).status == .forbidden)
            #expect(try await rows(h).isEmpty)

            #expect(try await h.call(client, .post, "/categories", as: h.platformAdmin, json: body).status == .created)
            var log = try await rows(h)
            #expect(log.count == 1)
            #expect(log.last?.action == "created")
            #expect(log.last?.subjectKind == "category")
            #expect(log.last?.subjectID == "landUse")
            #expect(log.last?.actorRole == "platformAdmin")
            #expect(log.last?.before == nil)
            #expect(log.last?.after?["name"] as? String == "用地问题")
            // A duplicate fails inside the transaction: its audit row goes with it.
            #expect(try await h.call(client, .post, "/categories", as: h.platformAdmin, json: body).status == .conflict)
            #expect(try await rows(h).count == 1)

            let renamed = try await h.call(client, .put, "/categories/landUse", as: h.platformAdmin, json: ["name": "用地审批问题", "active": false])
            #expect(renamed.status == .ok)
            #expect(renamed["active"] as? Bool == false)
            log = try await rows(h)
            #expect(log.count == 2)
            #expect(log.last?.action == "updated")
            #expect(log.last?.before?["name"] as? String == "用地问题")
            #expect(log.last?.before?["active"] as? Bool == true)
            #expect(log.last?.after?["name"] as? String == "用地审批问题")
            #expect(log.last?.after?["active"] as? Bool == false)
            #expect(try await h.call(client, .get, "/categories?size=100", as: nil).items.allSatisfy { $0["code"] as? String != "landUse" })

            #expect(try await h.call(client, .put, "/categories/landUse", as: h.platformAdmin, json: ["name": "  "]).errorField == "name")
            #expect(try await h.call(client, .put, "/categories/landUse", as: h.platformAdmin, json: [:]).errorField == "name")
            #expect(try await h.call(client, .put, "/categories/nothing", as: h.platformAdmin, json: ["name": "x"]).status == .notFound)
            #expect(try await rows(h).count == 2)
        }
    }

    @Test("a calendar year load records the year before and after; a bad year writes nothing")
    func calendarYear() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            var year: [String: Any] = ["source": "国办发明电〔2027〕1号", "holidays": ["2028-01-01"], "makeupWorkdays": [String]()]
            var bad = year
            bad["holidays"] = ["2028-02-30"]
            #expect(try await h.call(client, .put, "/calendar/years/2028", as: h.platformAdmin, json: bad).status == .badRequest)
            #expect(try await rows(h).isEmpty)
            #expect(try await h.call(client, .put, "/calendar/years/2028", as: h.platformAdmin, json: year).status == .ok)
            year["holidays"] = ["2028-01-01", "2028-01-26"]
            #expect(try await h.call(client, .put, "/calendar/years/2028", as: h.platformAdmin, json: year).status == .ok)
            let log = try await rows(h)
            #expect(log.map(\.action) == ["loaded", "loaded"])
            #expect(log.map(\.subjectID) == ["2028", "2028"])
            #expect(log[0].before == nil)
            #expect(log[1].before?["holidays"] as? [String] == ["2028-01-01"])
            #expect(log[1].after?["holidays"] as? [String] == ["2028-01-01", "2028-01-26"])
        }
    }

    @Test("withholding and releasing a register entry are audited; a release of what is not withheld is refused and unaudited")
    func register() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            let id = try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal()).string("id"))
            #expect(try await h.call(client, .post, "/register/\(id)/release", as: h.inspector).status == .conflict)
            #expect(try await h.call(client, .post, "/register/\(id)/withhold", as: h.inspector, json: ["reason": ""]).status == .badRequest)
            #expect(try await rows(h).isEmpty)
            #expect(try await h.call(client, .post, "/register/\(id)/withhold", as: h.inspector, json: ["reason": "涉及商业秘密"]).status == .noContent)
            #expect(try await h.call(client, .post, "/register/\(id)/release", as: h.platformAdmin).status == .noContent)
            let log = try await rows(h)
            #expect(log.map(\.action) == ["withheld", "released"])
            #expect(log.map(\.actorRole) == ["inspector", "platformAdmin"])
            #expect(log.map(\.subjectID) == [id.uppercased(), id.uppercased()])
            #expect(log[0].before?["withheld"] as? Bool == false)
            #expect(log[0].after?["reason"] as? String == "涉及商业秘密")
            #expect(log[1].before?["withheld"] as? Bool == true)
            #expect(log[1].after?["withheld"] as? Bool == false)
            let archive = try await h.call(client, .get, "/appeals/\(id)/archive", as: h.enterprise)
            #expect(archive.items.suffix(2).map { $0["action"] as? String } == ["withheldFromRegister", "releasedToRegister"])
        }
    }

    @Test("the database refuses to change or delete audit rows")
    func immutable() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            _ = try await h.call(client, .post, "/categories", as: h.platformAdmin, json: ["code": "landUse", "kind": "appeal", "name": "用地"])
            await #expect(throws: PostgresError.self) { try await h.dependencies.pool.query("UPDATE audit_trail SET action = 'forged'") }
            await #expect(throws: PostgresError.self) { try await h.dependencies.pool.query("DELETE FROM audit_trail") }
            await #expect(throws: PostgresError.self) { try await h.dependencies.pool.query("TRUNCATE audit_trail") }
            #expect(try await rows(h).map(\.action) == ["created"])
        }
    }

    @Test("GET /admin/audit pages newest first, filters by subject kind and action, and is for admins and inspectors")
    func listing() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            for code in ["catA", "catB", "catC"] {
                _ = try await h.call(client, .post, "/categories", as: h.platformAdmin, json: ["code": code, "kind": "appeal", "name": code])
            }
            _ = try await h.call(client, .put, "/categories/catA", as: h.platformAdmin, json: ["name": "甲"])
            let year: [String: Any] = ["source": "test", "holidays": ["2029-01-01"], "makeupWorkdays": [String]()]
            _ = try await h.call(client, .put, "/calendar/years/2029", as: h.platformAdmin, json: year)

            let first = try await h.call(client, .get, "/admin/audit?size=2", as: h.inspector)
            #expect(first["total"] as? Int == 5)
            #expect(first["page"] as? Int == 1)
            #expect(first["size"] as? Int == 2)
            #expect(first.items.map { $0["action"] as? String } == ["loaded", "updated"])
            let third = try await h.call(client, .get, "/admin/audit?size=2&page=3", as: h.platformAdmin)
            #expect(third.items.map { $0["subjectID"] as? String } == ["catA"])
            let created = try await h.call(client, .get, "/admin/audit?subjectKind=category&action=created", as: h.platformAdmin)
            #expect(created["total"] as? Int == 3)
            #expect(created.items.map { $0["subjectID"] as? String } == ["catC", "catB", "catA"])
            let updated = try await h.call(client, .get, "/admin/audit?subjectKind=category&action=updated", as: h.platformAdmin)
            #expect(((updated.items.first?["before"] as? [String: Any])?["name"] as? String) == "catA")
            #expect(((updated.items.first?["after"] as? [String: Any])?["name"] as? String) == "甲")
            #expect(try await h.call(client, .get, "/admin/audit?subjectKind=calendarYear", as: h.inspector)["total"] as? Int == 1)
            #expect(try await h.call(client, .get, "/admin/audit?subjectKind=x", as: h.inspector).errorField == "subjectKind")
            #expect(try await h.call(client, .get, "/admin/audit?size=0", as: h.inspector).errorField == "size")
            #expect(try await h.call(client, .get, "/admin/audit", as: h.dispatcher).status == .forbidden)
            #expect(try await h.call(client, .get, "/admin/audit", as: h.enterprise).status == .forbidden)
            #expect(try await h.call(client, .get, "/admin/audit", as: nil).status == .unauthorized)
        }
    }

    @Test("GET /admin/audit/verification holds after changes and names the first altered row")
    func verification() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            for code in ["catA", "catB", "catC"] {
                #expect(try await h.call(client, .post, "/categories", as: h.platformAdmin, json: ["code": code, "kind": "appeal", "name": code]).status == .created)
            }
            #expect(try await h.call(client, .put, "/categories/catB", as: h.platformAdmin, json: ["name": "乙"]).status == .ok)
            #expect(try await rows(h).map(\.action) == ["created", "created", "created", "updated"])

            let valid = try await h.call(client, .get, "/admin/audit/verification", as: h.inspector)
            #expect(valid.status == .ok)
            #expect(valid["rows"] as? Int == 4)
            #expect(valid["valid"] as? Bool == true)
            #expect(valid["brokenAt"] == nil)
            #expect(try await h.call(client, .get, "/admin/audit/verification", as: h.platformAdmin)["valid"] as? Bool == true)
            #expect(try await h.call(client, .get, "/admin/audit/verification", as: h.dispatcher).status == .forbidden)
            #expect(try await h.call(client, .get, "/admin/audit/verification", as: h.enterprise).status == .forbidden)
            #expect(try await h.call(client, .get, "/admin/audit/verification", as: nil).status == .unauthorized)

            // Someone with the database's rights goes around the trigger and rewrites the second row.
            try await h.dependencies.pool.withTransaction { connection in
                try await connection.execute("ALTER TABLE audit_trail DISABLE TRIGGER audit_trail_immutable")
                try await connection.execute("UPDATE audit_trail SET subject_id = 'forged' WHERE seq = 2")
                try await connection.execute("ALTER TABLE audit_trail ENABLE TRIGGER audit_trail_immutable")
            }
            let broken = try await h.call(client, .get, "/admin/audit/verification", as: h.platformAdmin)
            #expect(broken.status == .ok)
            #expect(broken["rows"] as? Int == 4)
            #expect(broken["valid"] as? Bool == false)
            #expect(broken["brokenAt"] as? Int == 2)
        }
    }

    @Test("migration 0013 carries audit_log rows into the chained trail in their order, before and after in the detail")
    func carriedOver() async throws {
        let h = try await AppealsHarness.make()
        let pool = h.dependencies.pool
        let runner = MigrationRunner(pool: pool, schema: h.dependencies.configuration.schema, logger: h.dependencies.logger)
        let directory = try #require(AppealsService.definition.bundle.url(forResource: "Migrations", withExtension: nil))
        let migrations = try MigrationRunner.load(directory: directory)
        // The schema as it stood before 0013: audit_log again, with two rows (the later one earlier in time).
        try await runner.apply(component: "appeals-before-0013", migrations: migrations.filter { $0.version == 11 })
        let actor = UUID()
        try await pool.execute(
            """
            INSERT INTO audit_log (actor_id, actor_role, action, subject_kind, subject_id, before, after, at) VALUES
                (\(actor), 'platformAdmin', 'created', 'category', 'landUse', NULL, '{"name": "用地"}', '2026-03-01T08:00:00Z'),
                (\(actor), 'platformAdmin', 'updated', 'category', 'landUse', '{"name": "用地"}', '{"name": "用地审批"}',
                 '2026-02-01T08:00:00Z')
            """)
        try await runner.apply(component: "appeals-0013", migrations: migrations.filter { $0.version == 13 })

        #expect(try await pool.query("SELECT to_regclass('audit_log') IS NULL AS gone")[0].decode("gone", as: Bool.self))
        let log = try await rows(h)
        #expect(log.map(\.action) == ["created", "updated"])
        #expect(log[0].before == nil)
        #expect(log[0].after?["name"] as? String == "用地")
        #expect(log[1].before?["name"] as? String == "用地")
        #expect(log[1].after?["name"] as? String == "用地审批")
        #expect(try await AuditTrail.verify(pool: pool) == AuditVerification(rows: 2, valid: true, brokenAt: nil))
        try await h.application().test(.router) { client in
            let listed = try await h.call(client, .get, "/admin/audit?subjectKind=category", as: h.inspector)
            #expect(listed.items.map { $0["action"] as? String } == ["updated", "created"])
            #expect(listed.items.last?["before"] == nil)
            #expect(listed.items.last?["actorID"] as? String == actor.uuidString)
            #expect(listed.items.last?["at"] as? String == "2026-03-01T08:00:00Z")
        }
    }
}
