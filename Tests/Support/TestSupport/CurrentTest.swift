#if canImport(Testing)
import Testing

extension TestEnvironment {
    /// The running test's id, when called from within a Swift Testing test.
    static func currentTestID() -> String? {
        Test.current.map { "\($0.id)" }
    }
}
#else
extension TestEnvironment {
    static func currentTestID() -> String? { nil }
}
#endif
