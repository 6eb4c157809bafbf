import Foundation

/// A rate measured over a count of operations.
struct Rate {
    var count: Int
    var seconds: Double
    var perSecond: Double { Double(count) / seconds }
}

struct Latency {
    var count: Int
    var p50: Double
    var p99: Double
    var max: Double
}

struct BenchReport {
    var rawInsert: Rate
    var outboxWrite: Rate
    var rawProduce: Rate
    var throughput: Rate
    var latency: Latency

    var markdown: String {
        func f(_ value: Double) -> String { String(format: "%.0f", value) }
        func r(_ value: Double) -> String { String(format: "%.2f", value) }
        return """
            | measure | count | rate (/s) | ratio |
            |---|---:|---:|---|
            | raw PostgreSQL insert (1 row per transaction, 8 concurrent) | \(rawInsert.count) | \(f(rawInsert.perSecond)) | baseline A |
            | outbox write (state row + event per transaction, 8 concurrent) | \(outboxWrite.count) | \(f(outboxWrite.perSecond)) | \(r(outboxWrite.perSecond / rawInsert.perSecond)) × A |
            | raw librdkafka produce (acks=all, idempotent, awaited in batches) | \(rawProduce.count) | \(f(rawProduce.perSecond)) | baseline B |
            | outbox → relay → broker → inbox consumer (backlog drained) | \(throughput.count) | \(f(throughput.perSecond)) | \(r(throughput.perSecond / rawProduce.perSecond)) × B, \(r(throughput.perSecond / rawInsert.perSecond)) × A |

            End-to-end latency at a steady 500 events/s (commit of the outbox row → consumer's transaction), \(latency.count) events:
            p50 \(String(format: "%.1f", latency.p50)) ms, p99 \(String(format: "%.1f", latency.p99)) ms, max \(String(format: "%.1f", latency.max)) ms.
            """
    }
}
