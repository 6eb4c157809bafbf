import Foundation
@testable import NotificationsApp
import Postgres
import Testing

@Suite("Shipped rules")
struct ShippedRulesTests {
    @Test("every rule the migrations seed passes the validation an admin's change would face")
    func seededRulesValidate() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let rows = try await fixture.pool.query(
            """
            SELECT \(unescaped: Rule.columns), t.code, t.category, t.title, t.body, t.version
            FROM rules r JOIN templates t ON t.code = r.template_code ORDER BY rule_id
            """)
        #expect(rows.count >= 2)
        for row in rows {
            let rule = try Rule(row: row)
            await #expect(throws: Never.self, "rule \(rule.ruleID)") {
                try await fixture.pool.withConnection { connection in
                    try await RuleValidator.validate(rule, template: try StoredTemplate(row: row), on: connection)
                }
            }
        }
    }
}
