extension Duration {
    /// The duration in whole milliseconds (rounded down, never negative), as librdkafka wants it.
    var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        let milliseconds = seconds * 1_000 + attoseconds / 1_000_000_000_000_000
        return max(0, milliseconds)
    }

    /// `wholeMilliseconds` clamped to a C `int` timeout.
    var timeoutMilliseconds: Int32 {
        Int32(clamping: wholeMilliseconds)
    }
}
