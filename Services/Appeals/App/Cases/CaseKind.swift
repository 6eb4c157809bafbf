import Contracts
import Postgres

/// Appeals (诉求) and complaints (营商环境投诉): one life cycle, two forms.
enum CaseKind: String, Sendable, CaseIterable, PostgresEncodable, PostgresDecodable {
    case appeal
    case complaint

    /// The URL path segment of the kind's endpoints.
    var path: String {
        switch self {
        case .appeal: "appeals"
        case .complaint: "complaints"
        }
    }

    var serialPrefix: String {
        switch self {
        case .appeal: "SQ"
        case .complaint: "TS"
        }
    }

    var contractKind: CaseFacts.Kind {
        switch self {
        case .appeal: .appeal
        case .complaint: .complaint
        }
    }

    /// Appeals go to the enterprise's liaison official first; complaints straight to dispatch.
    var hasLiaisonReview: Bool { self == .appeal }
}

enum CaseStatus: String, Sendable, CaseIterable, Codable, PostgresEncodable, PostgresDecodable {
    case reviewing
    case returnedToEnterprise
    case dispatching
    case signing
    case inProgress
    case awaitingMaterial
    case replied
    /// Rated (or its rating window over) and waiting for the assigning side to approve closure.
    case awaitingClosure
    case closed
    case withdrawn

    var isOpen: Bool { self != .closed && self != .withdrawn }

    /// The words a 409 uses for the state.
    var phrase: String {
        switch self {
        case .reviewing: "under liaison review"
        case .returnedToEnterprise: "returned to the enterprise"
        case .dispatching: "waiting for dispatch"
        case .signing: "waiting for sign-off"
        case .inProgress: "in progress"
        case .awaitingMaterial: "waiting for more material"
        case .replied: "replied"
        case .awaitingClosure: "waiting for closure approval"
        case .closed: "closed"
        case .withdrawn: "withdrawn"
        }
    }
}
