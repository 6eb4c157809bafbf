import Foundation
import Hummingbird
import NIOCore

/// Encoded answers of lists that every caller sees alike (published items only), kept for a few
/// seconds: the first request for a query pays the database, the others within `lifetime` are served
/// from memory. A change shows after at most `lifetime`; a zero lifetime turns the cache off
/// (`QINQING_PUBLIC_LIST_CACHE_SECONDS`).
public actor PublicListCache {
    private struct Entry {
        let body: ByteBuffer
        let expires: ContinuousClock.Instant
    }

    public nonisolated let lifetime: Duration
    private let capacity: Int
    private var entries: [String: Entry] = [:]

    public init(lifetime: Duration, capacity: Int = 2_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The cached answer to the request's path and query, or `produce`'s value encoded as the API
    /// encodes JSON (then kept). Validate the query before calling: errors are never kept.
    public nonisolated func response<Value: Encodable>(for request: Request, produce: () async throws -> Value) async throws -> Response {
        guard lifetime > .zero else { return Self.response(try Self.encode(try await produce()), maxAge: 0) }
        let key = request.uri.path + "?" + (request.uri.query ?? "")
        if let body = await cached(key) { return Self.response(body, maxAge: lifetime.components.seconds) }
        let body = try Self.encode(try await produce())
        await keep(body, for: key)
        return Self.response(body, maxAge: lifetime.components.seconds)
    }

    private func cached(_ key: String) -> ByteBuffer? {
        guard let entry = entries[key] else { return nil }
        guard entry.expires > .now else {
            entries[key] = nil
            return nil
        }
        return entry.body
    }

    private func keep(_ body: ByteBuffer, for key: String) {
        if entries.count >= capacity {
            let now = ContinuousClock.now
            entries = entries.filter { $0.value.expires > now }
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        }
        entries[key] = Entry(body: body, expires: .now + lifetime)
    }

    private static func encode(_ value: some Encodable) throws -> ByteBuffer {
        ByteBuffer(data: try APIJSON.makeEncoder().encode(value))
    }

    private static func response(_ body: ByteBuffer, maxAge: Int64) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        headers[.cacheControl] = maxAge > 0 ? "public, max-age=\(maxAge)" : "no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}
