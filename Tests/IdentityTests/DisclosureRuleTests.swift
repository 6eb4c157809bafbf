import Contracts
import Foundation
@testable import IdentityApp
import Testing

@Suite("Identity's rules that need no database")
struct DisclosureRuleTests {
    @Test("an account's values are whole to its owner and platform admins, masked to other officials and guests")
    func accountValues() {
        let owner = UUID()
        let policy = IdentityDisclosure.policy
        let admin = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["platformAdmin"])
        let inspector = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["inspector"])
        let phone = "13812345678"
        #expect(policy.show(phone, as: .phone, to: .account(ownerID: owner, viewer: AccessClaims(accountID: owner, accountKind: .person))) == phone)
        #expect(policy.show(phone, as: .phone, to: .account(ownerID: owner, viewer: admin)) == phone)
        #expect(policy.show(phone, as: .phone, to: .account(ownerID: owner, viewer: inspector)) != phone)
        #expect(policy.show(phone, as: .phone, to: .account(ownerID: owner, viewer: nil)) != phone)
    }

    @Test("an enterprise's phones are whole from viewWithPhones up")
    func enterprisePhones() {
        let policy = IdentityDisclosure.policy
        #expect(policy.seesWhole(.phone, .enterprise(.viewWithPhones)))
        #expect(policy.seesWhole(.phone, .enterprise(.edit)))
        #expect(!policy.seesWhole(.phone, .enterprise(.view)))
    }

    @Test("usernames and passwords follow identity's own rules")
    func accountRules() throws {
        #expect(try AccountRules.username(" Wang.Wei ", field: "username") == "wang.wei")
        #expect(throws: (any Error).self) { try AccountRules.username("ab", field: "username") }
        #expect(throws: (any Error).self) { try AccountRules.password("alllowercase", field: "password") }
        try AccountRules.password("Mixed#2026", field: "password")
    }
}
