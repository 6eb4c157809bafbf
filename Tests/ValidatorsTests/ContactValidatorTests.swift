import Testing
import Validators

@Suite("Phones, e-mail and LIKE patterns")
struct ContactValidatorTests {
    @Test("mobiles pass everywhere; landlines only where a landline is allowed")
    func phones() {
        #expect(PhoneNumber.validate(" 13712345678 ", .mobile) == "13712345678")
        #expect(PhoneNumber.validate("12712345678", .mobile) == nil)
        #expect(PhoneNumber.validate("1371234567", .mobile) == nil)
        #expect(PhoneNumber.validate("0375-4567890", .mobile) == nil)
        #expect(PhoneNumber.validate("0375-4567890", .mobileOrLandline) == "0375-4567890")
        #expect(PhoneNumber.validate("03754567890", .mobileOrLandline) == "03754567890")
        #expect(PhoneNumber.validate("375-4567890", .mobileOrLandline) == nil)
        #expect(PhoneNumber.validate("１３７１２３４５６７８", .mobileOrLandline) == nil)  // full-width digits
    }

    @Test("e-mail addresses need a local part, @ and a dotted domain")
    func emails() {
        #expect(EmailAddress.validate("wang.li@example.com") == "wang.li@example.com")
        #expect(EmailAddress.validate("wang.li@example") == nil)
        #expect(EmailAddress.validate("@example.com") == nil)
        #expect(EmailAddress.validate(String(repeating: "a", count: 250) + "@x.cn") == nil)
    }

    @Test("LIKE wildcards and the escape character are taken literally")
    func likePatterns() {
        #expect(LikePattern.escape("50%_off\\") == "50\\%\\_off\\\\")
        #expect(LikePattern.containing("a_b") == "%a\\_b%")
    }
}
