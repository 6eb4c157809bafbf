@testable import AppealsApp
import Contracts
import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Attachments")
struct AttachmentTests {
    func upload(_ h: AppealsHarness, _ client: some TestClientProtocol, name: String, bytes: [UInt8], as claims: AccessClaims) async throws -> JSONResponse {
        let response = try await client.execute(
            uri: "/attachments?fileName=\(name)", method: .post,
            headers: [.authorization: try await h.tokens.bearer(claims), .contentType: "application/octet-stream"],
            body: ByteBuffer(bytes: bytes))
        let text = String(buffer: response.body)
        return JSONResponse(
            status: response.status, body: (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:], text: text)
    }

    @Test("type is checked by content, size is limited, a checksum is kept, and forms only take your own files")
    func attachments() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            let pdf = Array("%PDF-1.7\n1 0 obj\n".utf8)
            let stored = try await upload(h, client, name: "license.pdf", bytes: pdf, as: h.enterprise)
            #expect(stored.status == .created)
            #expect(stored.string("sha256") == SHA256.hash(data: Data(pdf)).map { String(format: "%02x", $0) }.joined())
            #expect(stored.string("contentType") == "application/pdf")
            // A script renamed to .pdf is refused; so is a file over 5 MB.
            let fake = try await upload(h, client, name: "invoice.pdf", bytes: Array("#!/bin/sh\nrm -rf /".utf8), as: h.enterprise)
            #expect(fake.status == .badRequest)
            #expect(fake.errorField == "body")
            let png = try await upload(h, client, name: "photo.pdf", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], as: h.enterprise)
            #expect(png.status == .badRequest)
            let large = try await upload(h, client, name: "big.pdf", bytes: pdf + [UInt8](repeating: 0x20, count: 5 * 1024 * 1024), as: h.enterprise)
            #expect(large.status == .contentTooLarge)
            // Videos are for policy interpretations only.
            let video = try await upload(h, client, name: "clip.mp4", bytes: [0, 0, 0, 0x18] + Array("ftypmp42".utf8), as: h.enterprise)
            #expect(video.status == .badRequest)
            #expect(video.errorField == "body")

            let id = try #require(stored.string("id"))
            let downloaded = try await client.execute(
                uri: "/attachments/\(id)", method: .get, headers: [.authorization: try await h.tokens.bearer(h.enterprise)])
            #expect(downloaded.status == .ok)
            #expect(Array(buffer: downloaded.body) == pdf)
            #expect(downloaded.headers[HTTPField.Name("X-Checksum-SHA256")!] == stored.string("sha256"))
            let other = try await client.execute(
                uri: "/attachments/\(id)", method: .get, headers: [.authorization: try await h.tokens.bearer(h.otherEnterprise)])
            #expect(other.status == .notFound)

            var form = Forms.appeal()
            var problem = form["problem"] as! [String: Any]
            problem["attachments"] = [id]
            form["problem"] = problem
            #expect(try await h.call(client, .post, "/appeals", as: h.enterprise, json: form).status == .created)
            let stolen = try await h.call(client, .post, "/appeals", as: h.otherEnterprise, json: form)
            #expect(stolen.errorField == "problem.attachments[0]")
        }
    }

    func download(_ h: AppealsHarness, _ client: some TestClientProtocol, _ id: String, as claims: AccessClaims?) async throws -> HTTPResponse.Status {
        var headers: HTTPFields = [:]
        if let claims { headers[.authorization] = try await h.tokens.bearer(claims) }
        return try await client.execute(uri: "/attachments/\(id)", method: .get, headers: headers).status
    }

    @Test("officials reach a file only through an item they may see; everyone else gets 404, guests 401")
    func downloadAccess() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            let pdf = Array("%PDF-1.7\n1 0 obj\n".utf8)
            let id = try #require(try await upload(h, client, name: "plan.pdf", bytes: pdf, as: h.enterprise).string("id"))
            // Not named by any form yet: only the owner.
            #expect(try await download(h, client, id, as: h.enterprise) == .ok)
            #expect(try await download(h, client, id, as: h.liaison) == .notFound)
            #expect(try await download(h, client, id, as: h.dispatcher) == .notFound)

            var form = Forms.appeal()
            var problem = form["problem"] as! [String: Any]
            problem["attachments"] = [id]
            form["problem"] = problem
            let appealID = try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: form).string("id"))
            #expect(try await download(h, client, id, as: h.liaison) == .ok)
            #expect(try await download(h, client, id, as: h.dispatcher) == .ok)
            #expect(try await download(h, client, id, as: h.unitAdmin(h.unitA)) == .notFound)

            _ = try await h.call(client, .post, "/appeals/\(appealID)/review", as: h.liaison, json: [:])
            _ = try await h.call(client, .post, "/appeals/\(appealID)/dispatch", as: h.dispatcher, json: ["unitID": h.unitA.uuidString])
            #expect(try await h.call(client, .post, "/appeals/\(appealID)/sign", as: h.unitAdmin(h.unitA)).status == .ok)
            #expect(try await download(h, client, id, as: h.unitAdmin(h.unitA)) == .ok)
            #expect(try await download(h, client, id, as: h.unitAdmin(h.unitB)) == .notFound)
            #expect(try await download(h, client, id, as: h.otherEnterprise) == .notFound)
            #expect(try await download(h, client, id, as: nil) == .unauthorized)
            #expect(try await download(h, client, UUID().uuidString, as: h.dispatcher) == .notFound)

            // A complaint names its files at the top of the form.
            let second = try #require(try await upload(h, client, name: "photo.pdf", bytes: pdf, as: h.enterprise).string("id"))
            var complaint = Forms.complaint()
            complaint["attachments"] = [second]
            #expect(try await h.call(client, .post, "/complaints", as: h.enterprise, json: complaint).status == .created)
            #expect(try await download(h, client, second, as: h.dispatcher) == .ok)
            #expect(try await download(h, client, second, as: h.unitAdmin(h.unitA)) == .notFound)
        }
    }
}
