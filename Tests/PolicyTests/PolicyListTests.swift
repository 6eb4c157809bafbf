@testable import PolicyApp
import Contracts
import Foundation
import HummingbirdTesting
import Testing

@Suite("政策文库: filters, keywords, sort, pagination and the CSV catalogue")
struct PolicyListTests {
    /// Five published policies across two units, two regions, types, subsidies, tags and issue times.
    func seed(_ h: PolicyHarness, _ client: some TestClientProtocol) async throws -> [String: UUID] {
        var ids: [String: UUID] = [:]
        ids["tax"] = try await h.publish(client, PolicyHarness.form(
            title: "关于落实小微企业税收优惠政策的通知", issuedHoursAgo: 5, type: "tax", subsidy: "taxRelief", tags: ["中小微企业"]))
        ids["subsidy"] = try await h.publish(client, PolicyHarness.form(
            title: "平顶山市工业企业技术改造补贴办法", issuedHoursAgo: 4, type: "industry", subsidy: "cashAward", tags: ["制造业"]))
        ids["loan"] = try await h.publish(client, PolicyHarness.form(
            title: "关于强化信易贷支持防汛救灾金融服务的通知", issuedHoursAgo: 3, type: "finance", subsidy: "loanInterest", tags: ["制造业", "高新技术"]),
            unit: h.otherUnit)
        ids["county"] = try await h.publish(client, PolicyHarness.form(
            title: "叶县人才引进补贴实施细则", region: "410422", issuedHoursAgo: 2, type: "talent", subsidy: "cashAward"), unit: h.county)
        // Its title ends in 补 and its document number starts with 贴: 补贴 must not match across them.
        ids["boundary"] = try await h.publish(client, PolicyHarness.form(
            title: "企业上云奖补", issuedHoursAgo: 1, type: "innovation", number: "贴字〔2026〕3号"))
        return ids
    }

    @Test("with the list cache on, a query's answer is kept for its lifetime while other queries show a new policy at once; bad queries are never kept; with it off every answer is fresh")
    func listCache() async throws {
        let h = try await PolicyHarness.make(listCache: .seconds(600))
        try await h.service.test { client in
            _ = try await h.publish(client, PolicyHarness.form(title: "第一条缓存测试政策"))
            let first = try await h.call(client, .get, "/policies?size=10", as: nil)
            #expect(first.titles == ["第一条缓存测试政策"])
            #expect(first.headers[.cacheControl] == "public, max-age=600")
            #expect(first.headers[.contentType]?.hasPrefix("application/json") == true)
            _ = try await h.publish(client, PolicyHarness.form(title: "第二条缓存测试政策"))
            // The same query within the lifetime: the kept answer, for guests and signed-in callers alike.
            #expect(try await h.call(client, .get, "/policies?size=10", as: nil).titles == ["第一条缓存测试政策"])
            #expect(try await h.call(client, .get, "/policies?size=10", as: h.member()).titles == ["第一条缓存测试政策"])
            // Another query reads the library.
            #expect(try await h.call(client, .get, "/policies?size=11", as: nil).body["total"] as? Int == 2)
            #expect(try await h.call(client, .get, "/policies?size=0", as: nil).errorField == "size")
            #expect(try await h.call(client, .get, "/policies?size=0", as: nil).errorField == "size")
        }
        let uncached = try await PolicyHarness.make()
        try await uncached.service.test { client in
            _ = try await uncached.publish(client, PolicyHarness.form(title: "第一条"))
            #expect(try await uncached.call(client, .get, "/policies", as: nil).headers[.cacheControl] == "no-cache")
            _ = try await uncached.publish(client, PolicyHarness.form(title: "第二条"))
            #expect(try await uncached.call(client, .get, "/policies", as: nil).body["total"] as? Int == 2)
        }
    }

    @Test("each filter narrows the list; issue dates are inclusive days")
    func filters() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let ids = try await seed(h, client)
            func titles(_ query: String) async throws -> Set<String> { Set(try await h.call(client, .get, "/policies?\(query)", as: nil).titles) }
            #expect(try await titles("region=410422") == ["叶县人才引进补贴实施细则"])
            #expect(try await titles("agencyID=\(h.otherUnit)") == ["关于强化信易贷支持防汛救灾金融服务的通知"])
            #expect(try await titles("policyType=tax") == ["关于落实小微企业税收优惠政策的通知"])
            #expect(try await titles("subsidyType=cashAward") == ["平顶山市工业企业技术改造补贴办法", "叶县人才引进补贴实施细则"])
            #expect(try await titles("tag=%E5%88%B6%E9%80%A0%E4%B8%9A").count == 2)
            let today = PolicyCatalogue.day(Date())
            #expect(try await titles("issuedFrom=\(today)&issuedTo=\(today)").count <= 5)
            #expect(try await titles("issuedTo=2000-01-01").isEmpty)
            #expect(try await titles("issuedFrom=2000-01-01").count == 5)
            #expect(try await titles("region=410422&subsidyType=cashAward&policyType=talent").count == 1)
            #expect(ids.count == 5)
            #expect(try await h.call(client, .get, "/policies?issuedFrom=2026-02-30", as: nil).errorField == "issuedFrom")
            #expect(try await h.call(client, .get, "/policies?region=41", as: nil).errorField == "region")
            #expect(try await h.call(client, .get, "/policies?sort=title", as: nil).errorField == "sort")
            #expect(try await h.call(client, .get, "/policies?agencyID=x", as: nil).errorField == "agencyID")
        }
    }

    @Test("one- and two-character Chinese keywords find titles; a keyword never matches across fields; whole phrases rank first")
    func keywords() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            _ = try await seed(h, client)
            func titles(_ keyword: String) async throws -> [String] {
                let encoded = keyword.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? keyword
                return try await h.call(client, .get, "/policies?keyword=\(encoded)", as: nil).titles
            }
            #expect(try await titles("税") == ["关于落实小微企业税收优惠政策的通知"])
            #expect(Set(try await titles("补贴")) == ["平顶山市工业企业技术改造补贴办法", "叶县人才引进补贴实施细则"])
            #expect(try await titles("信易贷支持") == ["关于强化信易贷支持防汛救灾金融服务的通知"])
            #expect(try await titles("支持信易贷").isEmpty)
            // 企业上云奖补 + 贴字…: no title holds 补贴 across the boundary.
            #expect(!(try await titles("补贴")).contains("企业上云奖补"))
            // Two terms: both required; the title holding them as one phrase first.
            #expect(try await titles("补贴 办法") == ["平顶山市工业企业技术改造补贴办法"])
            // 人才补贴 as one phrase outranks 人才…补贴 although it was issued earlier.
            _ = try await h.publish(client, PolicyHarness.form(title: "人才补贴申领指南", issuedHoursAgo: 6, type: "talent"))
            #expect(try await titles("人才 补贴") == ["人才补贴申领指南", "叶县人才引进补贴实施细则"])
            let both = try await titles("关于 通知")
            #expect(both.count == 2)
        }
    }

    @Test("sort by issue time either way and by publication time; pages hold their size and the total")
    func sortAndPages() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            _ = try await seed(h, client)
            let desc = try await h.call(client, .get, "/policies", as: nil).titles
            #expect(desc.first == "企业上云奖补")
            let asc = try await h.call(client, .get, "/policies?sort=issuedAt.asc", as: nil).titles
            #expect(asc == desc.reversed())
            let published = try await h.call(client, .get, "/policies?sort=publishedAt.asc", as: nil).titles
            #expect(published.first == "关于落实小微企业税收优惠政策的通知")
            #expect(try await h.call(client, .get, "/policies?sort=publishedAt.desc", as: nil).titles == published.reversed())
            let page2 = try await h.call(client, .get, "/policies?page=2&size=2", as: nil)
            #expect(page2.titles == Array(desc[2...3]))
            #expect(page2["total"] as? Int == 5)
            // Filtered lists count their matches in the page query: the totals on a full page and past the end.
            let cashAward = try await h.call(client, .get, "/policies?subsidyType=cashAward&size=1", as: nil)
            #expect(cashAward.titles.count == 1)
            #expect(cashAward["total"] as? Int == 2)
            let twoTerms = try await h.call(client, .get, "/policies?keyword=%E8%A1%A5%E8%B4%B4%20%E5%8A%9E%E6%B3%95&size=1", as: nil)
            #expect(twoTerms.titles == ["平顶山市工业企业技术改造补贴办法"])
            #expect(twoTerms["total"] as? Int == 1)
            let keyword = try await h.call(client, .get, "/policies?keyword=%E8%A1%A5%E8%B4%B4&size=1", as: nil)
            #expect(keyword["total"] as? Int == 2)
            let beyond = try await h.call(client, .get, "/policies?subsidyType=cashAward&page=3&size=1", as: nil)
            #expect(beyond.titles.isEmpty)
            #expect(beyond["total"] as? Int == 2)
            let row = try #require(page2.items.first)
            #expect(row["hasInterpretations"] as? Bool == false)
            #expect(row["hasRedemption"] as? Bool == false)
            #expect(try await h.call(client, .get, "/policies?size=101", as: nil).errorField == "size")
        }
    }

    @Test("the published catalogue downloads as CSV in UTF-8 with a byte order mark")
    func catalogue() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            _ = try await seed(h, client)
            let csv = try await h.call(client, .get, "/policy-catalogue", as: nil)
            #expect(csv.status == .ok)
            #expect(Array(csv.bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let text = String(decoding: csv.bytes.dropFirst(3), as: UTF8.self)
            let lines = text.split(separator: "\r\n")
            #expect(lines.count == 6)
            #expect(lines.first?.hasPrefix("政策标题,文号,发布机构") == true)
            #expect(text.contains("叶县人才引进补贴实施细则,平工信〔2026〕1号,叶县人民政府,410422"))
        }
    }
}
