import ServiceLifecycle

/// Runs a background job so that being cancelled by graceful shutdown (a `Task.sleep` or a
/// cancelled query throwing `CancellationError`) ends it cleanly instead of failing the process
/// with exit status 1 on every SIGTERM.
struct ShutdownTolerantService: Service {
    let base: any Service

    func run() async throws {
        do {
            try await base.run()
        } catch is CancellationError where Task.isCancelled || Task.isShuttingDownGracefully {
            return
        }
    }
}
