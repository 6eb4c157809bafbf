import PersonalData
import Testing

@Suite("Who sees personal data whole")
struct DisclosurePolicyTests {
    struct Viewer {
        var isOwner: Bool
        var isOfficial: Bool
    }

    /// Owners see everything; officials see phones but not ID numbers; everyone else sees masks.
    static let policy = DisclosurePolicy<Viewer> { field, viewer in
        viewer.isOwner || (viewer.isOfficial && field == .phone)
    }

    @Test("each field is shown whole or masked by its own mask, as the policy says")
    func showsOrMasks() {
        let owner = Viewer(isOwner: true, isOfficial: false)
        let official = Viewer(isOwner: false, isOfficial: true)
        let stranger = Viewer(isOwner: false, isOfficial: false)
        #expect(Self.policy.show("41040219900307123X", as: .idNumber, to: owner) == "41040219900307123X")
        #expect(Self.policy.show("41040219900307123X", as: .idNumber, to: official) == "410***********123X")
        #expect(Self.policy.show("13712345678", as: .phone, to: official) == "13712345678")
        #expect(Self.policy.show("13712345678", as: .phone, to: stranger) == "137****5678")
        #expect(Self.policy.show("wang@example.com", as: .email, to: stranger) == "w***@example.com")
        #expect(Self.policy.show("欧阳修", as: .personName, to: stranger) == "欧**")
        #expect(Self.policy.show(nil, as: .phone, to: stranger) == nil)
        #expect(Self.policy.seesWhole(.phone, official) && !Self.policy.seesWhole(.idNumber, official))
    }
}
