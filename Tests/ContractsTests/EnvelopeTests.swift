import Contracts
import Foundation
import Testing

@Suite("CloudEvents envelope")
struct EnvelopeTests {
    let event = ProbeEvent(
        probeID: UUID(uuidString: "6F1C1A52-5E0B-4B8D-9D39-0B8C4E5A7F10")!,
        title: "用电报装 / power hookup",
        amount: Decimal(string: "1234.56")!,
        recordedAt: Date(timeIntervalSince1970: 1_795_000_000.125),
        tags: ["经信", "urgent"])
    let envelope: EventEnvelope

    init() throws {
        envelope = try EventEnvelope(
            event, producer: .appeals, id: UUID(uuidString: "0B5F1E2A-8F34-4C71-9E0B-3A1D2C4B5E6F")!,
            time: Date(timeIntervalSince1970: 1_795_000_001.5))
    }

    @Test("headers follow the CloudEvents Kafka binding and match the golden file")
    func headersMatchGolden() throws {
        let headers = Dictionary(uniqueKeysWithValues: envelope.headers.map { ($0.name, $0.value) })
        let golden = try JSONDecoder().decode(
            [String: String].self, from: Data(Golden.text("envelope-headers.json").utf8))
        #expect(headers == golden)
        #expect(envelope.key == "6f1c1a52-5e0b-4b8d-9d39-0b8c4e5a7f10")
        #expect(envelope.topic == .appeals)
    }

    @Test("the body is the event's JSON, byte for byte as the golden file")
    func bodyMatchesGolden() throws {
        let golden = try Golden.text("envelope-body.json").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(String(decoding: envelope.data, as: UTF8.self) == golden)
    }

    @Test("an envelope read back from headers and body equals the one written")
    func roundTrip() throws {
        let headers = Dictionary(uniqueKeysWithValues: envelope.headers.map { ($0.name, $0.value) })
        let read = try EventEnvelope(topic: .appeals, headers: headers, body: envelope.data)
        #expect(read == envelope)
        #expect(try read.decode(ProbeEvent.self) == event)
    }

    @Test("a missing or malformed attribute is an error naming it", arguments: [
        "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject", "ce_specversion",
    ])
    func missingHeader(name: String) throws {
        var headers = Dictionary(uniqueKeysWithValues: envelope.headers.map { ($0.name, $0.value) })
        headers[name] = nil
        #expect(throws: EnvelopeError.missingHeader(name)) {
            try EventEnvelope(topic: .appeals, headers: headers, body: envelope.data)
        }
    }

    @Test("malformed id, time and spec version are rejected")
    func malformedHeaders() throws {
        let good = Dictionary(uniqueKeysWithValues: envelope.headers.map { ($0.name, $0.value) })
        for (name, value) in [("ce_id", "not-a-uuid"), ("ce_time", "yesterday"), ("ce_specversion", "0.3")] {
            var headers = good
            headers[name] = value
            #expect(throws: EnvelopeError.invalidHeader(name, value: value)) {
                try EventEnvelope(topic: .appeals, headers: headers, body: envelope.data)
            }
        }
    }

    @Test("the id is read in either case, and as Foundation reads it in every other form")
    func idForms() throws {
        var headers = Dictionary(uniqueKeysWithValues: envelope.headers.map { ($0.name, $0.value) })
        let id = UUID()
        let wrong = [
            "", "0", String(id.uuidString.dropLast()), id.uuidString + "0", id.uuidString.replacingOccurrences(of: "-", with: ""),
            " " + id.uuidString.dropFirst(), "{" + id.uuidString + "}", String(id.uuidString.dropLast()) + "G",
            id.uuidString.replacingOccurrences(of: "-", with: "_"),
        ]
        for text in [id.uuidString, id.uuidString.lowercased()] + wrong {
            headers["ce_id"] = text
            let read = try? EventEnvelope(topic: .appeals, headers: headers, body: envelope.data)
            #expect(read?.id == UUID(uuidString: text), "\(text)")
        }
        headers["ce_id"] = id.uuidString.lowercased()
        #expect(try EventEnvelope(topic: .appeals, headers: headers, body: envelope.data).id == id)
    }

    @Test("a body that is not the event's JSON is a malformed-body error")
    func malformedBody() throws {
        var broken = envelope
        broken.data = Data("{\"probeID\": 7".utf8)
        #expect(throws: EnvelopeError.self) { try broken.decode(ProbeEvent.self) }
    }

    @Test("only a topic's producer may wrap events for it")
    func singleProducer() {
        #expect(throws: EnvelopeError.wrongProducer(type: ProbeEvent.eventType, producer: "policy")) {
            try EventEnvelope(event, producer: .policy)
        }
    }
}
