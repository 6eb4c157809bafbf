import ServiceKit

extension HelpRequestStore.HelpRequest {
    /// The contact phone as `IdentityDisclosure` lets a viewer reaching the enterprise at `level` see it:
    /// whole to its members and platform admins, masked to others (inspectors).
    func disclosed(to level: EnterpriseAccess.Level) -> Self {
        var shown = self
        shown.contactPhone = IdentityDisclosure.policy.show(contactPhone, as: .phone, to: .enterprise(level))
        return shown
    }
}

extension Page where Item == HelpRequestStore.HelpRequest {
    func disclosed(to level: EnterpriseAccess.Level) -> Self {
        var shown = self
        shown.items = items.map { $0.disclosed(to: level) }
        return shown
    }
}
