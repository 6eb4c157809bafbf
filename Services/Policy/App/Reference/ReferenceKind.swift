/// The kinds of reference data platform admins keep (`reference_terms.kind`), and where each is served.
enum ReferenceKind: String, CaseIterable, Sendable {
    case policyType
    case subsidyType
    case tag

    var path: String {
        switch self {
        case .policyType: "policy-types"
        case .subsidyType: "subsidy-types"
        case .tag: "tags"
        }
    }

    /// What a message calls a term of this kind.
    var noun: String {
        switch self {
        case .policyType: "policy type"
        case .subsidyType: "subsidy type"
        case .tag: "tag"
        }
    }
}
