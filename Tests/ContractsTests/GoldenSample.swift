import Contracts
import Foundation

/// An event type's fixed example, whose encoding is pinned by `Golden/<eventType>.json`.
///
/// Every type in `EventCatalog.all` must conform (in this test target), so a new event cannot be
/// added without a golden file, and a change to an existing one fails the build's tests.
protocol GoldenSample: DomainEvent {
    static var goldenSample: Self { get }
}

enum Golden {
    static func url(_ name: String) throws -> URL {
        guard let directory = Bundle.module.url(forResource: "Golden", withExtension: nil) else {
            throw GoldenError.missingDirectory
        }
        return directory.appendingPathComponent(name)
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: url(name), encoding: .utf8)
    }

    enum GoldenError: Error {
        case missingDirectory
    }
}

/// The event the envelope tests use; not part of any contract.
struct ProbeEvent: DomainEvent {
    static let eventType = "qinqing.appeals.probe.recorded.v1"
    static let topic = Topic.appeals

    var probeID: UUID
    var title: String
    var amount: Decimal
    var recordedAt: Date
    var tags: [String]

    var subject: String { probeID.uuidString.lowercased() }
}
