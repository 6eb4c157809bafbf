@testable import FilingApp
import Contracts
import Foundation
import Testing

/// The statistics read the case events' bodies with `EventBodyReader` (`CaseEventRecord.Body.read`): it
/// must read what Codable decodes, to the same values, and decline the rest.
@Suite("Case event bodies read without Codable")
struct CaseEventBodyReadingTests {
    typealias Body = CaseEventRecord.Body

    static func read(_ text: String) -> Body? { Body.read(Data(text.utf8)) }
    static func decode(_ text: String) -> Body? { try? EventJSON.decode(Body.self, from: Data(text.utf8)) }

    /// The contracts' golden bodies (`Tests/ContractsTests/Golden`).
    static func golden(_ name: String) throws -> String {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: directory.appendingPathComponent("ContractsTests/Golden/\(name)"), encoding: .utf8)
    }

    static let caseTypes = EventCatalog.all.map { $0.eventType }.filter {
        $0.hasPrefix("qinqing.appeals.appeal.") || $0.hasPrefix("qinqing.appeals.complaint.")
    }

    @Test("every appeals and complaints golden body is read, equal to its Codable decoding")
    func goldenBodies() throws {
        #expect(Self.caseTypes.count > 40)
        for type in Self.caseTypes {
            let text = try Self.golden("\(type).json")
            let decoded = try #require(Self.decode(text), "\(type)")
            #expect(Self.read(text) == decoded, "\(type)")
        }
    }

    @Test("escaped strings are read as Codable reads them")
    func escapes() throws {
        let golden = try Self.golden("qinqing.appeals.appeal.rated.v1.json")
        for title in [#"带\"引号\"的标题"#, #"line\nbreak\ttab\\slash\/"#, #"caf\u00e9 \u4e2d"#, #"smile \ud83d\ude00"#] {
            let text = golden.replacingOccurrences(of: "新厂房用电报装迟迟未接入", with: title)
            let decoded = try #require(Self.decode(text), "\(title)")
            #expect(Self.read(text) == decoded, "\(title)")
        }
    }

    @Test("a body Codable rejects is declined, and one it reads is read the same")
    func mutations() throws {
        let golden = try Self.golden("qinqing.appeals.appeal.rated.v1.json")
        var variants: [String] = [
            "", " ", "{}", "[]", "null", golden + "x", golden + " \n", " \t" + golden, String(golden.dropLast()),
            golden.replacingOccurrences(of: #""solved":true"#, with: #""solved":true,"solved":false"#),
            golden.replacingOccurrences(of: #""solved":true"#, with: #""solved":1"#),
            golden.replacingOccurrences(of: #""solved":true"#, with: #""solved":"yes""#),
            golden.replacingOccurrences(of: #""solved":true"#, with: #""solved":null"#),
            golden.replacingOccurrences(of: #""kind":"appeal""#, with: #""kind":"petition""#),
            golden.replacingOccurrences(of: #""region":"410402""#, with: #""region":410402"#),
            golden.replacingOccurrences(of: #""2B3C4D5E-6F70-4812-9A3B-4C5D6E7F8091""#, with: #""2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091""#),
            golden.replacingOccurrences(of: #""2B3C4D5E-6F70-4812-9A3B-4C5D6E7F8091""#, with: #""2B3C4D5E6F70-4812-9A3B-4C5D6E7F80911""#),
            golden.replacingOccurrences(of: #""2B3C4D5E-6F70-4812-9A3B-4C5D6E7F8091""#, with: #""2B3C4D5E-6F70-4812-9A3B-4C5D6E7F809G""#),
            golden.replacingOccurrences(of: #""at":"2026-11-18T11:06:40.250Z""#, with: #""at":"2026-11-18T11:06:40Z""#),
            golden.replacingOccurrences(of: #""at":"2026-11-18T11:06:40.250Z""#, with: #""at":"2026-11-18 11:06:40""#),
            golden.replacingOccurrences(of: #""at":"2026-11-18T11:06:40.250Z""#, with: #""at":"2026-11-18T19:06:40.250+08:00""#),
            golden.replacingOccurrences(of: #""at":"2026-11-18T11:06:40.250Z""#, with: #""at":1795000000"#),
            golden.replacingOccurrences(of: #""note":"rated""#, with: #""note":"bad \x escape""#),
            golden.replacingOccurrences(of: #""note":"rated""#, with: #""note":"lone \ud83d surrogate""#),
            golden.replacingOccurrences(of: #""note":"rated""#, with: "\"note\":\"raw \u{01} control\""),
            golden.replacingOccurrences(of: #""satisfied":true"#, with: #""satisfied":true,"extra":{"a":[1,-2.5e3,0.1,true,null,"s\n",{}],"b":[]}"#),
            golden.replacingOccurrences(of: #""satisfied":true"#, with: #""satisfied":true,"extra":01"#),
            golden.replacingOccurrences(of: #""satisfied":true"#, with: #""satisfied":true,"extra":[1,]"#),
            golden.replacingOccurrences(of: #""satisfied":true"#, with: #""satisfied":true,"extra":-"#),
            golden.replacingOccurrences(of: ",", with: " , ").replacingOccurrences(of: ":", with: " :\n "),
        ]
        // Each key of the item and the transition removed, and set to null.
        for key in ["id", "kind", "serialNumber", "title", "enterpriseID", "enterpriseName", "region", "category", "status", "unitID",
                    "unitName", "liaisonOfficialID", "step", "dueAt", "submittedAt", "actorID", "actorRole", "actorUnitID", "fromStatus",
                    "toStatus", "note", "at", "item", "transition"] {
            let pattern = try Regex(#""\#(key)":("[^"]*"|true|false|\{[^}]*\}),?"#)
            variants.append(golden.replacing(pattern, with: "", maxReplacements: 1))
            variants.append(golden.replacing(pattern, with: "\"\(key)\":null,", maxReplacements: 1))
        }
        var read = 0, declined = 0
        for text in variants {
            let decoded = Self.decode(text)
            let fast = Self.read(text)
            if decoded == nil {
                #expect(fast == nil, "read what Codable rejects: \(text)")
            } else if let fast {
                #expect(fast == decoded, "read differently: \(text)")
            }
            if fast == nil { declined += 1 } else { read += 1 }
        }
        // Both branches are exercised: plenty read, plenty declined.
        #expect(read > 10)
        #expect(declined > 20)
    }

    @Test("bytes that are not UTF-8 in a string are declined where Codable rejects them; good ones read the same")
    func invalidUTF8() throws {
        let golden = Data(try Self.golden("qinqing.appeals.appeal.rated.v1.json").utf8)
        let note = Data(#""note":"rated""#.utf8)
        let range = try #require(golden.range(of: note))
        let inner: [[UInt8]] = [
            [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE4, 0xB8], [0xE4, 0xB8, 0x41], [0xF4, 0x90, 0x80, 0x80], [0x80],
            [0xE4, 0xB8, 0xAD], [0xF0, 0x9F, 0x98, 0x80], [0xC3, 0xA9],
        ]
        var read = 0, declined = 0
        for bytes in inner {
            // Plain, and after an escape (the escaped-string path).
            for prefix in [[UInt8](), Array(#"\n"#.utf8)] {
                var body = golden
                body.replaceSubrange(range, with: Data(#""note":""#.utf8) + prefix + bytes + Data("\"".utf8))
                let decoded = try? EventJSON.decode(Body.self, from: body)
                let fast = Body.read(body)
                if decoded == nil {
                    #expect(fast == nil, "read what Codable rejects: \(bytes)")
                } else {
                    #expect(fast == decoded, "read differently: \(bytes)")
                }
                if fast == nil { declined += 1 } else { read += 1 }
            }
        }
        #expect(read >= 6)  // the three good sequences, plain and escaped
        #expect(declined >= 6)
    }
}
