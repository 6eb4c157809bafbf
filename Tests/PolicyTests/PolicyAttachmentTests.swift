@testable import PolicyApp
import Contracts
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Policy attachments")
struct PolicyAttachmentTests {
    static let pdf = Array("%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n".utf8)

    func upload(_ h: PolicyHarness, _ client: some TestClientProtocol, as claims: AccessClaims?, bytes: [UInt8] = pdf, name: String = "细则.pdf") async throws -> Reply {
        var headers: HTTPFields = [.contentType: "application/octet-stream"]
        if let claims { headers[.authorization] = try await h.tokens.bearer(claims) }
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
        let response = try await client.execute(
            uri: "/policy-attachments?fileName=\(encoded)", method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
        return Reply(status: response.status, bytes: Array(buffer: response.body), headers: response.headers)
    }

    @Test("an editor uploads a checked file; it is public once a published policy names it; another unit cannot name it")
    func attachments() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            #expect(try await upload(h, client, as: nil).status == .unauthorized)
            #expect(try await upload(h, client, as: h.member()).status == .forbidden)
            #expect(try await upload(h, client, as: h.editor(h.unit), bytes: Array("not a pdf".utf8)).errorField == "body")
            let uploaded = try await upload(h, client, as: h.editor(h.unit))
            #expect(uploaded.status == .created)
            let id = try #require(uploaded.string("id"))
            #expect(try await h.call(client, .get, "/policy-attachments/\(id)", as: nil).status == .notFound)
            #expect(try await h.call(client, .get, "/policy-attachments/\(id)", as: h.reviewer(h.unit)).status == .ok)
            var form = PolicyHarness.form(title: "附件测试")
            form["attachments"] = [id]
            let foreign = try await h.call(client, .post, "/policies", as: h.editor(h.otherUnit), json: form)
            #expect(foreign.errorField == "attachments[0]")
            _ = try await h.publish(client, form)
            let download = try await h.call(client, .get, "/policy-attachments/\(id)", as: nil)
            #expect(download.status == .ok)
            #expect(download.bytes == Self.pdf)
        }
    }
}
