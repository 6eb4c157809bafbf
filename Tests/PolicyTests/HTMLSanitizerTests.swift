@testable import PolicyApp
import Foundation
import HummingbirdTesting
import Testing

@Suite("The rich-text allow-list")
struct HTMLSanitizerTests {
    @Test("scripts, handlers and script URLs are removed; allowed formatting stays", arguments: [
        "<script>alert(1)</script>", "<SCRIPT src=//x></SCRIPT>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>", "<a href=\" JaVaScRiPt:alert(1)\">x</a>", "<iframe src=\"https://x\"></iframe>",
        "<p style=\"x\" onmouseover='a()'>t</p>", "<img src=\"data:image/png;base64,AA\">", "<<script>script>alert(1)<</script>/script>",
    ])
    func dangerousMarkup(_ input: String) {
        let out = HTMLSanitizer.sanitize(input).lowercased()
        #expect(!out.contains("<script"))
        #expect(!out.contains("onerror"))
        #expect(!out.contains("onload"))
        #expect(!out.contains("onmouseover"))
        #expect(!out.contains("javascript:"))
        #expect(!out.contains("<iframe"))
        #expect(!out.contains("data:"))
    }

    @Test("formatting, tables, safe links and images survive")
    func safeMarkup() {
        #expect(HTMLSanitizer.sanitize("<p><strong>一</strong><br/>二</p>") == "<p><strong>一</strong><br>二</p>")
        #expect(HTMLSanitizer.sanitize(#"<a href="https://a.cn/x?y=1" target="_blank">链</a>"#) == #"<a href="https://a.cn/x?y=1">链</a>"#)
        #expect(HTMLSanitizer.sanitize("<td colspan=2>x</td>") == #"<td colspan="2">x</td>"#)
        #expect(HTMLSanitizer.sanitize("1 < 2 > 0") == "1 &lt; 2 &gt; 0")
    }
}

@Suite("Inputs PostgreSQL could not keep")
struct ControlCharacterTests {
    @Test("control characters in a filter, a form or a reason are a 400 naming the field, never a 5xx")
    func controlCharacters() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let keyword = try await h.call(client, .get, "/policies?keyword=%E7%A8%8E%00", as: nil)
            #expect(keyword.errorField == "keyword")
            #expect(try await h.call(client, .get, "/policies?policyType=a%00b", as: nil).errorField == "policyType")
            let form = PolicyHarness.form(title: "标题\u{0}")
            #expect(try await h.call(client, .post, "/policies", as: h.editor(h.unit), json: form).errorField == "title")
        }
    }
}
