import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A tansu broker of a test's own, on a free loopback port, for tests that pause, kill or restart
/// the broker without disturbing the suite's shared one.
public final class TansuBroker: @unchecked Sendable {
    // @unchecked: `process` is replaced only by start()/restart(), which tests call sequentially.
    public let port: Int
    private let binary: String
    private var process: Process?

    public var bootstrapServers: String { "127.0.0.1:\(port)" }

    public init() throws {
        self.binary = try TestEnvironment.tansuBinary()
        self.port = try FreePort.find()
    }

    public func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "broker", "--listener-url", "tcp://127.0.0.1:\(port)",
            "--advertised-listener-url", "tcp://127.0.0.1:\(port)",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        try FreePort.waitUntilListening(port, timeout: 10)
    }

    /// SIGSTOP: the broker holds connections open but answers nothing, as a hung broker does.
    public func pause() { signal(SIGSTOP) }

    /// SIGCONT after `pause()`.
    public func resume() { signal(SIGCONT) }

    /// Kills the broker; its in-memory topics and offsets are gone.
    public func stop() {
        guard let process, process.isRunning else { return }
        // SIGKILL: children of a test runner that set up signal handling inherit SIGTERM as ignored.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    /// A new, empty broker on the same port (as after a crash of a memory-backed broker).
    public func restart() throws {
        stop()
        try start()
    }

    public func createTopic(_ name: String, partitions: Int = 3) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["topic", "create", name, "--partitions", "\(partitions)", "--broker", "tcp://127.0.0.1:\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }

    private func signal(_ number: Int32) {
        if let process { kill(process.processIdentifier, number) }
    }

    deinit {
        stop()
    }
}

/// Free loopback ports for test servers.
public enum FreePort {
    public static func find() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw FreePortError.socket }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard bound else { throw FreePortError.bind }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    public static func isListening(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    public static func waitUntilListening(_ port: Int, timeout: TimeInterval) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if isListening(port) { return }
            usleep(20_000)
        }
        throw FreePortError.notListening(port)
    }

    public enum FreePortError: Error {
        case socket
        case bind
        case notListening(Int)
    }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held. A throwing
/// poll counts as "not yet".
public func eventually(
    timeout: Duration = .seconds(90), every interval: Duration = .milliseconds(100),
    _ condition: () async throws -> Bool
) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if (try? await condition()) == true { return true }
        try? await Task.sleep(for: interval)
    }
    return (try? await condition()) == true
}
