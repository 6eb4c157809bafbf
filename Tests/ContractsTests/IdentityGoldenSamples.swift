import Contracts
import Foundation

/// Fixed examples of the identity events; their JSON is pinned in `Golden/`.
enum IdentitySample {
    static let enterpriseID = UUID(uuidString: "3E1F6C2A-1B7D-4E9A-8C11-2F4A5B6C7D80")!
    static let accountID = UUID(uuidString: "9A8B7C6D-5E4F-4A3B-8C2D-1E0F9A8B7C6D")!
    static let officialID = UUID(uuidString: "1F2E3D4C-5B6A-4978-8695-A4B3C2D1E0F9")!
    static let unitID = UUID(uuidString: "7D6C5B4A-3928-4716-A5B4-C3D2E1F0A9B8")!
    static let membershipID = UUID(uuidString: "5C4B3A29-1807-4F6E-9D5C-4B3A29180706")!
    static let time = Date(timeIntervalSince1970: 1_795_000_000.25)
    static let profile = EnterpriseProfile(
        enterpriseID: enterpriseID, uscc: "91410400MA9F5XYZ3K", name: "平顶山示范制造有限公司", region: "410402",
        industry: "C", tags: ["制造业", "专精特新"])
    static let official = OfficialProfile(
        officialID: officialID, name: "李建国", unitID: unitID, region: "410400", roles: [.liaison], active: true)
    static let unit = UnitProfile(unitID: unitID, name: "市工业和信息化局", kind: .department, parentID: nil, region: "410400")
}

extension EnterpriseRegistered: GoldenSample {
    static var goldenSample: Self { .init(enterprise: IdentitySample.profile, origin: .online, approved: false, registeredAt: IdentitySample.time) }
}
extension EnterpriseApproved: GoldenSample {
    static var goldenSample: Self { .init(enterprise: IdentitySample.profile, approvedBy: IdentitySample.officialID, approvedAt: IdentitySample.time) }
}
extension EnterpriseRejected: GoldenSample {
    static var goldenSample: Self {
        .init(enterpriseID: IdentitySample.enterpriseID, uscc: "91410400MA9F5XYZ3K", reason: "营业执照与名称不符",
              rejectedBy: IdentitySample.officialID, rejectedAt: IdentitySample.time)
    }
}
extension EnterpriseUpdated: GoldenSample {
    static var goldenSample: Self {
        .init(enterprise: IdentitySample.profile, changedFields: ["tags"], updatedBy: IdentitySample.accountID, updatedAt: IdentitySample.time)
    }
}
extension MembershipGranted: GoldenSample {
    static var goldenSample: Self {
        .init(membershipID: IdentitySample.membershipID, enterpriseID: IdentitySample.enterpriseID, accountID: IdentitySample.accountID,
              role: .member, expiresAt: IdentitySample.time.addingTimeInterval(90 * 86400), grantedBy: IdentitySample.officialID,
              grantedAt: IdentitySample.time)
    }
}
extension MembershipRevoked: GoldenSample {
    static var goldenSample: Self {
        .init(membershipID: IdentitySample.membershipID, enterpriseID: IdentitySample.enterpriseID, accountID: IdentitySample.accountID,
              reason: "离职", revokedBy: IdentitySample.officialID, revokedAt: IdentitySample.time)
    }
}
extension MembershipExpired: GoldenSample {
    static var goldenSample: Self {
        .init(membershipID: IdentitySample.membershipID, enterpriseID: IdentitySample.enterpriseID, accountID: IdentitySample.accountID,
              expiredAt: IdentitySample.time)
    }
}
extension MembershipExpiring: GoldenSample {
    static var goldenSample: Self {
        .init(membershipID: IdentitySample.membershipID, enterpriseID: IdentitySample.enterpriseID, enterpriseName: "平顶山示范制造有限公司",
              accountID: IdentitySample.accountID, expiresAt: IdentitySample.time)
    }
}
extension LiaisonAssigned: GoldenSample {
    static var goldenSample: Self {
        .init(enterpriseID: IdentitySample.enterpriseID, officialID: IdentitySample.officialID, unitID: IdentitySample.unitID, assignedAt: IdentitySample.time)
    }
}
extension LiaisonUnassigned: GoldenSample {
    static var goldenSample: Self {
        .init(enterpriseID: IdentitySample.enterpriseID, officialID: IdentitySample.officialID, unassignedAt: IdentitySample.time)
    }
}
extension LiaisonContactGap: GoldenSample {
    static var goldenSample: Self { .init(enterpriseID: IdentitySample.enterpriseID, officialID: IdentitySample.officialID, month: "2026-10") }
}
extension LiaisonOperatingStatusRecorded: GoldenSample {
    static var goldenSample: Self {
        .init(enterpriseID: IdentitySample.enterpriseID, month: "2026-10", status: "difficult", recordedBy: IdentitySample.officialID,
              recordedAt: IdentitySample.time, revised: true)
    }
}
extension OfficialCreated: GoldenSample {
    static var goldenSample: Self { .init(official: IdentitySample.official, createdAt: IdentitySample.time) }
}
extension OfficialUpdated: GoldenSample {
    static var goldenSample: Self { .init(official: IdentitySample.official, updatedAt: IdentitySample.time) }
}
extension UnitCreated: GoldenSample {
    static var goldenSample: Self { .init(unit: IdentitySample.unit) }
}
extension UnitUpdated: GoldenSample {
    static var goldenSample: Self { .init(unit: IdentitySample.unit) }
}
extension HelpRequestAssigned: GoldenSample {
    static var goldenSample: Self {
        .init(requestID: IdentitySample.membershipID, enterpriseID: IdentitySample.enterpriseID, officialIDs: [IdentitySample.officialID],
              assignedBy: IdentitySample.accountID, assignedAt: IdentitySample.time)
    }
}
extension AccountContactChanged: GoldenSample {
    static var goldenSample: Self {
        .init(accountID: IdentitySample.accountID, displayName: "王芳", phone: "13812345678", changedAt: IdentitySample.time)
    }
}
extension EnterpriseContactChanged: GoldenSample {
    static var goldenSample: Self {
        .init(enterpriseID: IdentitySample.enterpriseID, phone: "13912345678", changedAt: IdentitySample.time)
    }
}
extension OfficialPasswordReset: GoldenSample {
    static var goldenSample: Self {
        .init(officialID: IdentitySample.officialID, resetBy: IdentitySample.accountID, resetAt: IdentitySample.time)
    }
}
