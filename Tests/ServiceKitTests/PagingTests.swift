import Foundation
import ServiceKit
import Testing

@Suite("Paging a list and the JSON value type")
struct PagingTests {
    @Test("defaults to the first page of 20; an empty value is a 400, as the OpenAPI documents say")
    func defaults() throws {
        #expect(try Paging([:]) == Paging(page: 1, size: 20))
        #expect(throws: APIError.invalid("page", "must be a whole number from 1 to 100000")) { try Paging(["page": ""]) }
        #expect(throws: APIError.invalid("size", "must be a whole number from 1 to 100")) { try Paging(["size": ""]) }
        let paging = try Paging(["page": "3", "size": "50"])
        #expect(paging.offset == 100)
    }

    @Test("a page or size out of range is a 400 naming the field")
    func outOfRange() {
        #expect(throws: APIError.invalid("page", "must be a whole number from 1 to 100000")) { try Paging(["page": "0"]) }
        #expect(throws: APIError.invalid("size", "must be a whole number from 1 to 100")) { try Paging(["size": "101"]) }
        #expect(throws: APIError.invalid("size", "must be a whole number from 1 to 100")) { try Paging(["size": "ten"]) }
    }

    @Test("a page encodes items, page, size and total")
    func pageKeys() throws {
        let page = Page(items: ["a"], paging: Paging(page: 2, size: 1), total: 5)
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(page)) as? [String: Any]
        #expect(object?.keys.sorted() == ["items", "page", "size", "total"])
        #expect(object?["page"] as? Int == 2)
        #expect(Page(all: [1, 2, 3]).size == 3)
    }

    @Test("JSON values round-trip, whole numbers as int")
    func jsonValue() throws {
        let text = #"{"a":[1,2.5,"x",true,null],"b":{"c":-3}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value == .object(["a": .array([.int(1), .double(2.5), .string("x"), .bool(true), .null]), "b": .object(["c": .int(-3)])]))
        #expect(try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value)) == value)
    }
}
