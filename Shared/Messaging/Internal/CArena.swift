/// Short-lived C copies of Swift strings and byte arrays for one librdkafka call; freed when the
/// arena is released. Keeps the pointers valid for exactly the duration of `withArena`.
final class CArena {
    private var allocations: [UnsafeMutableRawPointer] = []

    static func with<T>(_ body: (CArena) throws -> T) rethrows -> T {
        let arena = CArena()
        defer { arena.freeAll() }
        return try body(arena)
    }

    func cString(_ string: String) -> UnsafePointer<CChar> {
        let utf8 = Array(string.utf8)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: utf8.count + 1, alignment: 1)
        allocations.append(buffer)
        utf8.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: utf8.count) }
        buffer.storeBytes(of: 0, toByteOffset: utf8.count, as: UInt8.self)
        return UnsafePointer(buffer.assumingMemoryBound(to: CChar.self))
    }

    /// A copy of `bytes`, or `nil` for an empty array.
    func bytes(_ bytes: [UInt8]) -> UnsafeMutableRawPointer? {
        guard !bytes.isEmpty else { return nil }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 1)
        allocations.append(buffer)
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        return buffer
    }

    private func freeAll() {
        for allocation in allocations { allocation.deallocate() }
        allocations.removeAll()
    }
}
