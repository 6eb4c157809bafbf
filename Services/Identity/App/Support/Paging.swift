import Hummingbird
import ServiceKit

/// `page` (1-based) and `size` (1…100) from the query string.
struct Paging: Sendable {
    var page: Int
    var size: Int
    var offset: Int { (page - 1) * size }

    static let firstPage = Paging(page: 1, size: 20)

    init(page: Int, size: Int) {
        self.page = page
        self.size = size
    }

    init(_ request: Request) throws {
        let query = request.uri.queryParameters
        page = try Self.number(query.get("page"), field: "page", default: 1, range: 1...100_000)
        size = try Self.number(query.get("size"), field: "size", default: 20, range: 1...100)
    }

    private static func number(_ text: String?, field: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text, !text.isEmpty else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError.invalid(field, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}

/// A page of a list.
struct Page<Item: Codable & Sendable>: ResponseCodable, Sendable {
    var items: [Item]
    var page: Int
    var size: Int
    var total: Int

    init(items: [Item], paging: Paging, total: Int) {
        self.items = items
        self.page = paging.page
        self.size = paging.size
        self.total = total
    }
}
