/// The kinds of personal value a response may carry, each with its mask.
public enum PersonalField: String, Sendable, CaseIterable {
    case idNumber
    case phone
    case email
    case personName

    public func mask(_ value: String) -> String {
        switch self {
        case .idNumber: Mask.idNumber(value)
        case .phone: Mask.phone(value)
        case .email: Mask.email(value)
        case .personName: Mask.personName(value)
        }
    }
}

/// One service's rule of who sees which personal field whole; everyone else sees it masked. Every
/// response that carries personal data goes through its service's one policy, so the rule is
/// written once. `Viewer` is whatever the rule needs to know (the caller, the record's owner…).
public struct DisclosurePolicy<Viewer>: Sendable {
    let rule: @Sendable (PersonalField, Viewer) -> Bool

    public init(_ seesWhole: @escaping @Sendable (_ field: PersonalField, _ viewer: Viewer) -> Bool) {
        self.rule = seesWhole
    }

    /// `value` whole when `viewer` may see `field` whole, masked otherwise.
    public func show(_ value: String, as field: PersonalField, to viewer: Viewer) -> String {
        rule(field, viewer) ? value : field.mask(value)
    }

    public func show(_ value: String?, as field: PersonalField, to viewer: Viewer) -> String? {
        value.map { show($0, as: field, to: viewer) }
    }

    public func seesWhole(_ field: PersonalField, _ viewer: Viewer) -> Bool { rule(field, viewer) }
}
