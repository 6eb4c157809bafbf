import Foundation
import Testing

@testable import Postgres

@Suite struct UUIDTextTests {
    static func randomUUID() -> UUID {
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &uuid) { bytes in
            for index in bytes.indices { bytes[index] = .random(in: 0...255) }
        }
        return UUID(uuid: uuid)
    }

    @Test func writesTheLowercaseCanonicalForm() {
        #expect(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)).postgresText() == "00000000-0000-0000-0000-000000000000")
        #expect(
            UUID(uuidString: "6F1C1A52-5E0B-4B8D-9D39-0B8C4E5A7F10")?.postgresText() == "6f1c1a52-5e0b-4b8d-9d39-0b8c4e5a7f10")
        for _ in 0..<10_000 {
            let id = Self.randomUUID()
            #expect(id.postgresText() == id.uuidString.lowercased())
        }
    }

    @Test func readsUpperLowerAndMixedCase() throws {
        for _ in 0..<10_000 {
            let id = Self.randomUUID()
            let upper = id.uuidString
            let mixed = String(upper.enumerated().map { $0.offset % 2 == 0 ? Character($0.element.lowercased()) : $0.element })
            for text in [upper, upper.lowercased(), mixed] {
                #expect(UUID.parseCanonical(text) == id)
                #expect(try UUID(postgresText: text, type: .uuid) == id)
            }
            #expect(try UUID(postgresText: try #require(id.postgresText()), type: .text) == id)
        }
    }

    @Test("anything but the canonical form is left to UUID(uuidString:)", arguments: [
        "", "not-a-uuid", "6f1c1a52-5e0b-4b8d-9d39-0b8c4e5a7f1", "6f1c1a52-5e0b-4b8d-9d39-0b8c4e5a7f100",
        "6f1c1a525-e0b-4b8d-9d39-0b8c4e5a7f10", "6f1c1a52_5e0b-4b8d-9d39-0b8c4e5a7f10", "6f1c1a52-5e0b-4b8d-9d39-0b8c4e5a7f1g",
        "6f1c1a525e0b4b8d9d390b8c4e5a7f10", "{6f1c1a52-5e0b-4b8d-9d39-0b8c4e5a7f10}", " 6f1c1a52-5e0b-4b8d-9d39-0b8c4e5a7f1",
        "6f1c1a52-5e0b-4b8d-9d39-0b8c4e5a7f10 ", "6f1c1a52-5e0b-4b8d-9d39-0b8c4e5a7f1é", "6f1c1a52-+e0b-4b8d-9d39-0b8c4e5a7f10",
        "6f1c1a52-5e0b-4b8d-9d39--b8c4e5a7f10", "-f1c1a52-5e0b-4b8d-9d39-0b8c4e5a7f10", "6f1c1a52-5e0b-4b8d-9d39-0x8c4e5a7f10",
    ])
    func malformed(text: String) {
        #expect(UUID.parseCanonical(text) == nil)
        #expect((try? UUID(postgresText: text, type: .uuid)) == UUID(uuidString: text))
    }
}
