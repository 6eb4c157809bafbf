import Hummingbird

/// One page of a list: `items`, and where it sits in the whole (`page`, `size`, `total`).
public struct Page<Item: Codable & Sendable>: ResponseCodable, Sendable {
    public var items: [Item]
    public var page: Int
    public var size: Int
    public var total: Int

    public init(items: [Item], page: Int, size: Int, total: Int) {
        self.items = items
        self.page = page
        self.size = size
        self.total = total
    }

    public init(items: [Item], paging: Paging, total: Int) {
        self.init(items: items, page: paging.page, size: paging.size, total: total)
    }

    /// A short, bounded list answered whole, as its only page.
    public init(all items: [Item]) {
        self.init(items: items, page: 1, size: items.count, total: items.count)
    }
}
