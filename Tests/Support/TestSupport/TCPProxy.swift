import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A loopback TCP proxy a test can cut and restore, to play a database or broker outage without
/// touching the shared server: `cut()` drops every connection and refuses new ones; `restore()`
/// listens again on the same port.
public final class TCPProxy: @unchecked Sendable {
    // @unchecked: mutable state is guarded by `lock`.
    public let port: Int
    private let upstreamPort: Int
    private let lock = NSLock()
    private var listener: Int32 = -1
    private var sockets: Set<Int32> = []

    public init(upstreamPort: Int) throws {
        self.upstreamPort = upstreamPort
        self.port = try FreePort.find()
        try restore()
    }

    public func restore() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw FreePort.FreePortError.bind
        }
        lock.withLock { listener = fd }
        Thread.detachNewThread { [self] in acceptLoop(fd) }
    }

    public func cut() {
        lock.withLock {
            Glibc.shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
            listener = -1
            for fd in sockets { Glibc.shutdown(fd, Int32(SHUT_RDWR)) }
            sockets.removeAll()
        }
    }

    private func acceptLoop(_ fd: Int32) {
        while true {
            let client = accept(fd, nil, nil)
            guard client >= 0 else { return }
            let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(upstreamPort)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                close(client)
                close(upstream)
                continue
            }
            lock.withLock {
                sockets.insert(client)
                sockets.insert(upstream)
            }
            Thread.detachNewThread { [self] in pump(from: client, to: upstream) }
            Thread.detachNewThread { [self] in pump(from: upstream, to: client) }
        }
    }

    private func pump(from source: Int32, to destination: Int32) {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var written = 0
            while written < count {
                let n = buffer[written..<count].withUnsafeBytes { write(destination, $0.baseAddress, $0.count) }
                guard n > 0 else { break }
                written += n
            }
            if written < count { break }
        }
        lock.withLock {
            if sockets.remove(source) != nil { Glibc.shutdown(source, Int32(SHUT_RDWR)); close(source) }
            if sockets.remove(destination) != nil { Glibc.shutdown(destination, Int32(SHUT_RDWR)); close(destination) }
        }
    }

    private static func loopback(_ port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    deinit {
        cut()
    }
}
