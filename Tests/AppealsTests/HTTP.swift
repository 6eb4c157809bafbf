import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A response read as JSON.
struct JSONResponse {
    var status: HTTPResponse.Status
    var body: [String: Any]
    var text: String

    subscript(key: String) -> Any? { body[key] }
    var string: (String) -> String? { { body[$0] as? String } }
    var items: [[String: Any]] { body["items"] as? [[String: Any]] ?? [] }
    var errorField: String? { (body["error"] as? [String: Any])?["field"] as? String }
    var errorMessage: String? { (body["error"] as? [String: Any])?["message"] as? String }
}

extension AppealsHarness {
    func call(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, as claims: AccessClaims?,
        json: Any? = nil
    ) async throws -> JSONResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let claims { headers[.authorization] = try await tokens.bearer(claims) }
        let body = try json.map { ByteBuffer(data: try JSONSerialization.data(withJSONObject: $0)) }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        let text = String(buffer: response.body)
        let parsed = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        return JSONResponse(status: response.status, body: parsed, text: text)
    }
}

/// Forms the seeds describe, filled in.
enum Forms {
    static func appeal(title: String = "新厂房用电报装迟迟未接入", category: String = "reformEfficiency", region: String = "420302") -> [String: Any] {
        [
            "basic": [
                "region": region, "industry": "C36 汽车制造业", "employeeCount": "100-299", "ownership": "民营",
                "principalName": "王建华", "principalTitle": "总经理", "principalPhone": "13912345678",
                "contactName": "李小红", "contactTitle": "办公室主任", "contactPhone": "13887654321",
                "overview": "主要生产汽车底盘零部件，计划明年扩产。",
            ],
            "operations": ["year": 2025, "investment": 1250.5, "revenue": 8600.25, "tax": 312.75],
            "plan": ["text": "三年内新增两条生产线"],
            "helper": ["officialName": "张卫东"],
            "problem": ["title": title, "category": category, "detail": "厂房已建成三个月，用电报装仍未完成，影响投产。"],
        ]
    }

    static let complaintIDNumber = "11010519491231002X"
    static let complaintPhone = "13711112222"
    static let complaintEmail = "zhao.min@example.com"

    static func complaint(title: String = "窗口办事推诿", isPublic: Bool = true) -> [String: Any] {
        [
            "contactName": "赵敏", "contactIDNumber": complaintIDNumber, "contactPhone": complaintPhone,
            "contactEmail": complaintEmail, "title": title, "respondentUnit": "某区行政审批局", "nature": "complaint",
            "isPublic": isPublic, "category": "illegalIntervention", "content": "多次前往办理施工许可，均被要求补充不必要的材料。",
        ]
    }
}
