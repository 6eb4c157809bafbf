import Validators
import Testing

@Suite("Check characters")
struct CheckCharacterTests {
    @Test("GB 11643-1999: a published sample validates, a wrong check character or birth date does not")
    func idNumbers() {
        // The standard's own example: 11010519491231002X.
        #expect(IDNumber.validate("11010519491231002X") == "11010519491231002X")
        #expect(IDNumber.validate("11010519491231002x") == "11010519491231002X")
        #expect(IDNumber.validate("110105194912310021") == nil)
        #expect(IDNumber.validate("11010519491331002X") == nil || IDNumber.checkCharacter(for: "11010519491331002") != "X")
        let body = "41040220000230123"  // 30 February
        #expect(IDNumber.validate(body + String(IDNumber.checkCharacter(for: body)!)) == nil)
        #expect(IDNumber.validate("4104021990030712") == nil)
    }

    @Test("GB 32100-2015: computed check characters validate; changing any character breaks the code")
    func usccs() {
        let valid = "91350100M000100Y43"  // the standard's example
        #expect(USCC.validate(valid) == valid)
        #expect(USCC.validate("91350100M000100Y44") == nil)
        #expect(USCC.validate("91350100M000100Y4") == nil)
        #expect(USCC.validate("9135010OM000100Y43") == nil)  // O is not in the alphabet
        let body = "91410400MA0000001"
        let code = body + String(USCC.checkCharacter(for: body)!)
        #expect(USCC.validate(code.lowercased()) == code)
    }
}
