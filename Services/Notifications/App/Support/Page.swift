import Hummingbird

/// One page of a list: `items`, and where it sits in the whole (`page`, `size`, `total`).
struct Page<Item: Codable & Sendable>: ResponseCodable {
    var items: [Item]
    var page: Int
    var size: Int
    var total: Int
}
