import Hummingbird

/// Which page of a list to answer: `page` (from 1, at most 100 000) and `size` (1…100, default 20),
/// read from the query string with field-named 400s. An empty value is not a number (400), as the
/// OpenAPI documents say (`type: integer`).
public struct Paging: Sendable, Equatable {
    public var page: Int
    public var size: Int
    /// The rows to skip before this page.
    public var offset: Int { (page - 1) * size }

    public init(page: Int = 1, size: Int = 20) {
        self.page = page
        self.size = size
    }

    public init(_ query: [String: String]) throws {
        try self.init { query[$0] }
    }

    public init(_ request: Request) throws {
        let query = request.uri.queryParameters
        try self.init { query.get($0) }
    }

    private init(_ value: (String) -> String?) throws {
        page = try Self.number(value("page"), field: "page", default: 1, range: 1...100_000)
        size = try Self.number(value("size"), field: "size", default: 20, range: 1...100)
    }

    private static func number(_ text: String?, field: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError.invalid(field, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}
