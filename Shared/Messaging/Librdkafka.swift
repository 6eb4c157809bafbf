import CRdKafka

/// The librdkafka loaded at run time (which may differ from the headers compiled against).
public enum Librdkafka {
    /// `rd_kafka_version_str()`, for example "2.16.0".
    public static var version: String {
        String(cString: rd_kafka_version_str())
    }

    /// `rd_kafka_version()`: hex `0xMMmmrrxx` (major, minor, revision, pre-release id).
    public static var versionNumber: Int {
        Int(rd_kafka_version())
    }

    /// Throws `KafkaError(.unsupportedRuntime)` unless the loaded librdkafka is 2.2.0 or newer.
    public static func requireAtLeast2_2() throws {
        guard versionNumber >= 0x0202_0000 else {
            throw KafkaError(
                code: .unsupportedRuntime,
                message: """
                    librdkafka \(version) is loaded, but 2.2.0 or newer is required: older releases \
                    mis-parse tagged fields in broker responses (fixed in 2.2.0, librdkafka #4278). \
                    ./dev sets LD_LIBRARY_PATH to the bundled librdkafka 2.16 build; run through it \
                    or point LD_LIBRARY_PATH at a librdkafka.so.1 of 2.2 or newer.
                    """,
                isFatal: true)
        }
    }
}
