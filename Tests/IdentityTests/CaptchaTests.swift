import Foundation
@testable import IdentityApp
import Testing

@Suite("Captcha markup")
struct CaptchaTests {
    /// The element names in `svg`, and whether any text sits between its tags.
    static func elements(_ svg: String) -> (names: Set<String>, hasText: Bool) {
        var names: Set<String> = []
        var hasText = false
        var rest = svg[...]
        while let open = rest.firstIndex(of: "<") {
            if !rest[..<open].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { hasText = true }
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let tag = rest[rest.index(after: open)..<close]
            if !tag.hasPrefix("/") { names.insert(String(tag.prefix { $0.isLetter })) }
            rest = rest[rest.index(after: close)...]
        }
        return (names, hasText || !rest.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }

    @Test("the captcha SVG is drawn with paths: no <text>, no text content, no answer characters in its attributes")
    func noReadableAnswer() async throws {
        try await IdentityHarness.run { client, _ in
            var drawings: Set<String> = []
            for _ in 0..<3 {
                let challenge = try await client.call(.post, "/captchas")
                #expect(challenge.status == .ok)
                #expect(challenge.headers[.cacheControl] == "no-store")
                let svg = try #require(challenge.string("svg"))
                drawings.insert(svg)
                #expect(!svg.contains("<text"))
                let (names, hasText) = Self.elements(svg)
                #expect(names == ["svg", "rect", "path", "circle"])
                #expect(!hasText)
                // Path data is numbers and the two commands M and Q; nothing else spells a character.
                let data = svg.components(separatedBy: #" d=""#).dropFirst().map { $0.prefix { $0 != "\"" } }
                #expect(data.count >= 5)
                #expect(data.allSatisfy { $0.allSatisfy { "MQ0123456789.- ".contains($0) } })
            }
            #expect(drawings.count == 3)
        }
    }

    @Test("every character of the alphabet has glyph strokes, and a rendered answer's letters appear nowhere in the markup")
    func fontCoversTheAlphabet() {
        for character in Captcha.alphabet { #expect(!CaptchaFont.strokes(character).isEmpty, "\(character)") }
        let svg = Captcha.render("WXYZK")
        for letter in "WXYZK" { #expect(!svg.contains(letter)) }
    }
}
