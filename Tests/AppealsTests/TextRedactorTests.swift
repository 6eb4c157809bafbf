@testable import AppealsApp
import Testing

@Suite("Register text redaction")
struct TextRedactorTests {
    static let cases: [(String, String)] = [
        // A title after a name gives it away; a surname and a title alone (张经理) show no more than a mask.
        ("王建华经理已回复", "王**经理已回复"),
        ("刘明华科长已到现场", "刘**科长已到现场"),
        ("赵敏女士反映", "赵*女士反映"),
        ("王伟总经理表示", "王*总经理表示"),
        ("张经理已回复", "张经理已回复"),
        ("李总经理表示同意", "李总经理表示同意"),
        ("陈局长到企业调研", "陈局长到企业调研"),
        // A role before a name gives it away.
        ("联系人：赵小明，电话13912345678", "联系人：赵**，电话139****5678"),
        ("联系人王伟电话未接通", "联系人王*电话未接通"),
        ("负责人为周杰", "负责人为周*"),
        ("法定代表人欧阳娜娜已签字", "法定代表人欧***已签字"),
        ("工作人员态度很好", "工作人员态度很好"),
        // Ordinary words stay.
        ("王府井大街的门店", "王府井大街的门店"),
        ("平顶山市人民政府", "平顶山市人民政府"),
        ("平顶山市长主持会议", "平顶山市长主持会议"),
        ("许昌市市长", "许昌市市长"),
        ("叶县县长", "叶县县长"),
        ("高新区区长", "高新区区长"),
        ("关于张伟经理的问题", "关于张*经理的问题"),
        ("下周李主任到企业", "下周李主任到企业"),
        // IDs, phones and emails, as before.
        ("身份证11010519491231002X", "身份证110***********002X"),
        ("邮箱 zhao.min@example.com", "邮箱 z***@example.com"),
    ]

    @Test("unknown names next to a title or role are masked; ordinary words are not", arguments: cases)
    func heuristic(_ input: String, _ expected: String) {
        #expect(TextRedactor(names: []).redact(input) == expected)
    }

    @Test("the item's own names and every known name are masked anywhere, longest first")
    func knownNames() {
        let redactor = TextRedactor(names: ["李小红"], known: .init(["张卫东", "欧阳明", "欧阳明远", " ", "王"]))
        #expect(redactor.redact("张卫东与李小红商定") == "张**与李**商定")
        #expect(redactor.redact("欧阳明远来电") == "欧***来电")
        #expect(redactor.redact("王府井") == "王府井")
    }
}
