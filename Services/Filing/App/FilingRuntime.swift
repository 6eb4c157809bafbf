import Foundation
import ServiceKit

/// What the filing routes, consumers and jobs share, built once at start-up.
public struct FilingRuntime: Sendable {
    public let dependencies: ServiceDependencies

    public init(dependencies: ServiceDependencies) {
        self.dependencies = dependencies
    }
}
