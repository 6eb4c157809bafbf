import Messaging
import Testing

@Suite("librdkafka runtime")
struct LibrdkafkaRuntimeTests {
    @Test("the librdkafka loaded at run time is 2.2 or newer")
    func runtimeIsRecentEnough() throws {
        #expect(Librdkafka.versionNumber >= 0x0202_0000, "loaded librdkafka \(Librdkafka.version)")
        try Librdkafka.requireAtLeast2_2()
        let parts = Librdkafka.version.split(separator: ".").compactMap { Int($0) }
        #expect(parts.count >= 2)
        #expect(parts.count >= 2 && (parts[0], parts[1]) >= (2, 2))
    }
}
