import Contracts
import Foundation
import Postgres
import Validators

/// The local run's demo data: one account of each kind (password `Qinqing@2026`, documented in
/// README; local environment only), three enterprises with members, and liaison assignments.
struct DemoData {
    let runtime: IdentityRuntime
    static let password = "Qinqing@2026"
    static let cityUnit = UUID(uuidString: "00000000-0000-4000-8000-000000000100")!
    static let industryGroup = UUID(uuidString: "00000000-0000-4000-8000-000000000301")!
    static let miit = UUID(uuidString: "00000000-0000-4000-8000-000000000102")!
    static let xinhua = UUID(uuidString: "00000000-0000-4000-8000-000000000201")!
    static let statisticsBureau = UUID(uuidString: "00000000-0000-4000-8000-000000000113")!

    func seed() async throws {
        let hash = await Passwords.hash(Self.password, cost: runtime.settings.bcryptCost)
        try await runtime.pool.withTransaction { connection in
            try await connection.execute("SELECT pg_advisory_xact_lock(hashtext('identity.demo_seed'))")
            guard try await AccountStore.load(username: "admin", on: connection) == nil else { return }
            let system = UUID(uuidString: "00000000-0000-4000-8000-000000000000")!
            let officials: [(String, String, UUID, [OfficialRole], String)] = [
                ("admin", "平台管理员", Self.cityUnit, [.platformAdmin], "13800000001"),
                ("inspector", "巡查员", Self.cityUnit, [.inspector], "13800000002"),
                ("dispatcher", "经信组分办员", Self.industryGroup, [.dispatcher], "13800000003"),
                ("unitadmin", "市工信局管理员", Self.miit, [.unitAdmin], "13800000004"),
                ("liaison", "包联干部张", Self.xinhua, [.liaison], "13800000005"),
                ("editor", "市工信局政策录入员", Self.miit, [.policyEditor], "13800000006"),
                ("reviewer", "市工信局政策审核员", Self.miit, [.policyReviewer], "13800000007"),
                ("statistician", "市统计局管理员", Self.statisticsBureau, [.statistician, .unitAdmin], "13800000008"),
                ("industry-monitor", "市工信局四上企业监测员", Self.miit, [.statistician, .unitAdmin], "13800000009"),
            ]
            var ids: [String: UUID] = [:]
            for (username, name, unit, roles, phone) in officials {
                let id = UUID()
                ids[username] = id
                let region = try await AccountStore.unitRegion(unit, on: connection)
                try await AccountStore.insertOfficial(
                    id: id, username: username, realName: name, passwordHash: hash, unitID: unit, region: region, roles: roles,
                    title: nil, firstSignIn: false, on: connection)
                guard let account = try await AccountStore.load(id: id, on: connection) else { continue }
                try await ContactChange(runtime: runtime).setPhone(phone, of: account, on: connection)
                try await runtime.deps.outbox.append(OfficialCreated(official: OfficialsController.profile(account), createdAt: Date()), on: connection)
            }
            let persons: [(String, String, String, String)] = [
                ("qiye-admin", "李企管", "41040219800101001", "13900000001"),
                ("qiye-member", "王成员", "41040219850505002", "13900000002"),
                ("person", "赵个人", "41040219900909003", "13900000003"),
            ]
            for (username, name, idBody, phone) in persons {
                let id = UUID()
                ids[username] = id
                let idNumber = idBody + String(IDNumber.checkCharacter(for: idBody) ?? "0")
                try await AccountStore.insertPerson(
                    id: id, username: username, realName: name, idNumber: try runtime.cipher.seal(idNumber),
                    idNumberHash: runtime.cipher.lookupHash(idNumber), passwordHash: hash, on: connection)
                if let account = try await AccountStore.load(id: id, on: connection) {
                    try await ContactChange(runtime: runtime).setPhone(phone, of: account, on: connection)
                }
            }
            let enterprises: [(String, String, String, String, [String])] = [
                ("91410400MA00000A1", "平顶山示范制造有限公司", "410402", "C", ["制造业", "高新技术"]),
                ("91410400MA00000B2", "平顶山示范商贸有限公司", "410411", "F", ["商贸"]),
                ("91410400MA00000C3", "平顶山示范软件有限公司", "410471", "I", ["软件", "专精特新"]),
            ]
            for (index, (body, name, region, industry, tags)) in enterprises.enumerated() {
                let id = UUID()
                let fields = EnterpriseFields(
                    uscc: body + String(USCC.checkCharacter(for: body) ?? "0"), name: name, region: region, industry: industry,
                    ownership: "private", employeeBand: "100-299", address: "平顶山市", principalName: "法人\(index + 1)",
                    principalTitle: "董事长", principalPhone: "1370000000\(index + 1)", contactName: "联络员\(index + 1)",
                    contactTitle: "办公室主任", contactPhone: "1360000000\(index + 1)", overview: "演示企业", tags: tags)
                try await EnterpriseStore.insert(
                    id: id, fields, status: "approved", origin: "imported", registeredBy: nil, cipher: runtime.cipher, on: connection)
                if let record = try await EnterpriseStore.load(id, cipher: runtime.cipher, on: connection) {
                    try await runtime.deps.outbox.append(
                        EnterpriseRegistered(enterprise: record.profile, origin: .imported, approved: true, registeredAt: Date()),
                        on: connection)
                }
                try await EnterpriseContact(runtime: runtime).registered(id, fields, on: connection)
                let grants = MembershipGrants(runtime: runtime)
                let year = Date().addingTimeInterval(365 * 24 * 3600)
                if index == 0, let admin = ids["qiye-admin"], let member = ids["qiye-member"] {
                    try await grants.grant(enterpriseID: id, accountID: admin, role: .admin, expiresAt: year, by: system, clientIP: "seed", on: connection)
                    try await grants.grant(enterpriseID: id, accountID: member, role: .member, expiresAt: year, by: system, clientIP: "seed", on: connection)
                }
                if index < 2, let liaison = ids["liaison"] {
                    try await LiaisonAssignments(runtime: runtime).assign(
                        enterpriseID: id, officialID: liaison, unitID: Self.xinhua, by: system, on: connection)
                }
            }
        }
    }
}
