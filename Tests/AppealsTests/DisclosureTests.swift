@testable import AppealsApp
import PersonalData
import Testing

@Suite("Who sees an item's personal data whole")
struct DisclosureTests {
    @Test("every contact field is masked as what it is: ID number, phone or e-mail")
    func fields() {
        #expect(ComplaintForm.personalFields == ["contactIDNumber": .idNumber, "contactPhone": .phone, "contactEmail": .email])
        #expect(AppealForm.personalFields == ["basic.principalPhone": .phone, "basic.contactPhone": .phone])
    }

    @Test("the owner and the handlers see values whole; onlookers see each masked in its own way")
    func policy() {
        let policy = AppealsDisclosure.policy
        for relation in [CaseRelation.owner, .handler] {
            #expect(policy.show(Forms.complaintEmail, as: .email, to: relation) == Forms.complaintEmail)
            #expect(policy.show(Forms.complaintIDNumber, as: .idNumber, to: relation) == Forms.complaintIDNumber)
        }
        #expect(policy.show(Forms.complaintEmail, as: .email, to: .onlooker) == "z***@example.com")
        #expect(policy.show(Forms.complaintIDNumber, as: .idNumber, to: .onlooker) == "110***********002X")
        #expect(policy.show(Forms.complaintPhone, as: .phone, to: .onlooker) == "137****2222")
    }
}
