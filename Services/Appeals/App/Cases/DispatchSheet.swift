import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit
import WorkCalendar

/// The dispatch sheet (分办单): a printable page with the item, the dispatching unit, the
/// deadlines and a place for the handler's signature.
extension CasesController {
    func dispatchSheet(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = CaseAccess(principal: try context.requirePrincipal())
        let id = try context.pathID()
        let html = try await dependencies.pool.withConnection { connection -> String in
            // Like every other read: an item the caller may not see is "not found"; the sheet itself
            // is the officials' (an enterprise reading its own item's sheet is 403).
            guard let record = try await CaseStore.read(id, kind: kind, on: connection),
                try await access.canSee(record, on: connection)
            else { throw APIError.notFound(kind.rawValue) }
            guard access.principal.accountKind == .official else { throw APIError.forbidden }
            guard record.leadUnitID != nil else {
                throw APIError.conflict("cannot print the dispatch sheet: the \(kind.rawValue) is \(record.status.phrase)")
            }
            let (dispatchedAt, dispatchingUnit) = try await CaseStore.lastDispatch(of: id, on: connection)
            let scheme = try await DeadlineScheme.load(record.schemeCode, on: connection)
            let categoryName = try await CategoryStore.name(of: record.category, on: connection) ?? record.category
            let detail: String
            switch record.kind {
            case .appeal: detail = try record.form.decode(AppealForm.self, decoder: EventJSON.makeDecoder()).problem.detail
            case .complaint: detail = try record.form.decode(ComplaintForm.self, decoder: EventJSON.makeDecoder()).content
            }
            // The item's own steps (a major matter's major variants), each with its limit in words and
            // whether it counts working or calendar days.
            let limits = scheme.steps.filter { step in
                guard let limit = step.limitDays, limit >= 0, step.variant != .plan else { return false }
                if step.checkpoint { return true }
                return scheme.step(for: step.status, major: record.major)?.code == step.code
            }.map { step in
                let limit = StepLimitWording.text(amount: step.limitDays ?? 0, counting: step.counting)
                return "<li>\(Self.escape(StepLimitWording.stepName(step.code)))：\(limit)（按\(StepLimitWording.countingName(step.counting))计）"
                    + "\(step.checkpoint ? "（必报进展）" : "")</li>"
            }.joined()
            return """
                <!doctype html>
                <html lang="zh-CN"><head><meta charset="utf-8"><title>分办单 \(Self.escape(record.serialNumber))</title>
                <style>body{font-family:serif;max-width:780px;margin:2em auto}table{width:100%;border-collapse:collapse}
                td,th{border:1px solid #000;padding:6px;text-align:left;vertical-align:top}@media print{a{display:none}}</style></head>
                <body><h1>企业诉求分办单</h1><table>
                <tr><th>流水号</th><td>\(Self.escape(record.serialNumber))</td><th>提交时间</th><td>\(BeijingTime.minuteText(record.submittedAt))</td></tr>
                <tr><th>企业名称</th><td colspan="3">\(Self.escape(record.enterpriseName))</td></tr>
                <tr><th>标题</th><td colspan="3">\(Self.escape(record.title))</td></tr>
                <tr><th>问题分类</th><td colspan="3">\(Self.escape(categoryName))</td></tr>
                <tr><th>问题详情</th><td colspan="3">\(Self.escape(detail))</td></tr>
                <tr><th>分办单位</th><td>\(Self.escape(dispatchingUnit ?? "分办组"))</td><th>分办时间</th><td>\(dispatchedAt.map(BeijingTime.minuteText) ?? "")</td></tr>
                <tr><th>承办单位</th><td colspan="3">\(Self.escape(record.leadUnitName ?? ""))</td></tr>
                <tr><th>当前环节</th><td>\(Self.escape(record.step.map(StepLimitWording.stepName) ?? ""))</td><th>办理时限</th><td>\(record.dueAt.map(BeijingTime.minuteText) ?? "")</td></tr>
                <tr><th>时限要求</th><td colspan="3"><ul>\(limits)</ul></td></tr>
                <tr><th>承办人签字</th><td style="height:4em"></td><th>签收日期</th><td></td></tr>
                </table></body></html>
                """
        }
        return Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

}
