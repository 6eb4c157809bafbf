import Foundation

/// What an archive entry (档案) records beyond who, when, from and to: the facts of the step, and a
/// note in Chinese where the person acting gave none.
enum CaseArchive {
    /// The facts of one entry, stored with it (`case_history.facts`).
    struct Facts: Codable, Sendable, Equatable {
        /// The unit the item was dispatched or reassigned to, the co-handler added, or the lead unit
        /// an item reopened or returned for closure goes back to.
        var unitID: UUID?
        var unitName: String?
        /// A rating: 是否解决, 是否满意.
        var solved: Bool?
        var satisfied: Bool?
        /// A reply's or progress report's text, a material request.
        var content: String?
        /// A reply's handler (经办人).
        var handlerName: String?

        var isEmpty: Bool { self == Facts() }
    }

    static func facts(of action: CaseAction, record: CaseRecord) -> Facts {
        switch action {
        case .dispatched, .reopened, .closureReturned:
            Facts(unitID: record.leadUnitID, unitName: record.leadUnitName)
        case .coHandlerAdded(let unitID, let unitName):
            Facts(unitID: unitID, unitName: unitName)
        case .rated(let solved, let satisfied):
            Facts(solved: solved, satisfied: satisfied)
        case .replied(let handlerName, let content):
            Facts(unitID: record.leadUnitID, unitName: record.leadUnitName, content: content, handlerName: handlerName)
        case .progressReported(_, let content):
            Facts(content: content)
        case .materialRequested(let request):
            Facts(content: request)
        default:
            Facts()
        }
    }

    /// The entry's note: what the person acting wrote (a reason, a remark) when they wrote one,
    /// otherwise the step told in Chinese.
    static func note(of action: CaseAction, given note: String?, record: CaseRecord) -> String? {
        let unit = record.leadUnitName ?? "承办单位"
        switch action {
        case .dispatched(let previous, let reason):
            let told = previous == nil ? "分办至\(unit)" : "改派至\(unit)"
            return reason.map { "\(told)；原因：\($0)" } ?? told
        case .rated(let solved, let satisfied):
            return "企业评价：\(solved ? "已解决" : "未解决")，\(satisfied ? "满意" : "不满意")"
        case .replied(let handlerName, let content):
            return "办理结果（经办人\(handlerName)）：\(content)"
        case .reopened:
            return "未解决且不满意，退回\(unit)重新办理"
        case .coHandlerAdded(_, let unitName):
            return "增加协办单位：\(unitName)"
        case .signed:
            return note ?? "\(unit)签收"
        case .dueSoon:
            return "\(stepName(record.step))环节即将到期"
        case .overdue:
            return "\(stepName(record.step))环节已超期"
        default:
            return note
        }
    }

    /// The Chinese name of a deadline step (the code when the step is not one of these).
    static func stepName(_ step: String?) -> String {
        switch step {
        case "review": "审核"
        case "dispatch": "分办"
        case "sign": "签收"
        case "progress": "进展报告"
        case "reply": "办理"
        case "replyMajor": "重大复杂事项办理"
        case "plan": "办理计划"
        case "rate": "评价"
        case "closure": "销号"
        case let other?: other
        case nil: "当前"
        }
    }
}
