import Foundation
import PersonalData

/// One changed profile field as the change log keeps it (phones masked).
struct EnterpriseChange: Sendable, Equatable {
    var field: String
    var old: String?
    var new: String?
}

/// The rules of a profile update: a patch over the current profile, and the fields it changes.
enum EnterpriseUpkeep {
    static func merge(_ patch: EnterpriseInput, over current: EnterpriseFields) -> EnterpriseInput {
        EnterpriseInput(
            uscc: patch.uscc ?? current.uscc, name: patch.name ?? current.name, region: patch.region ?? current.region,
            industry: patch.industry ?? current.industry, ownership: patch.ownership ?? current.ownership,
            employeeBand: patch.employeeBand ?? current.employeeBand, address: patch.address ?? current.address,
            principal: .init(
                name: patch.principal?.name ?? current.principalName, title: patch.principal?.title ?? current.principalTitle,
                phone: patch.principal?.phone ?? current.principalPhone),
            contact: .init(
                name: patch.contact?.name ?? current.contactName, title: patch.contact?.title ?? current.contactTitle,
                phone: patch.contact?.phone ?? current.contactPhone),
            overview: patch.overview ?? current.overview, tags: patch.tags ?? current.tags)
    }

    static func diff(_ old: EnterpriseFields, _ new: EnterpriseFields) -> [EnterpriseChange] {
        var changes: [EnterpriseChange] = []
        func compare(_ field: String, _ a: String?, _ b: String?, masked: Bool = false) {
            guard a != b else { return }
            changes.append(EnterpriseChange(field: field, old: masked ? a.map(Mask.phone) : a, new: masked ? b.map(Mask.phone) : b))
        }
        compare("uscc", old.uscc, new.uscc)
        compare("name", old.name, new.name)
        compare("region", old.region, new.region)
        compare("industry", old.industry, new.industry)
        compare("ownership", old.ownership, new.ownership)
        compare("employeeBand", old.employeeBand, new.employeeBand)
        compare("address", old.address, new.address)
        compare("principal.name", old.principalName, new.principalName)
        compare("principal.title", old.principalTitle, new.principalTitle)
        compare("principal.phone", old.principalPhone, new.principalPhone, masked: true)
        compare("contact.name", old.contactName, new.contactName)
        compare("contact.title", old.contactTitle, new.contactTitle)
        compare("contact.phone", old.contactPhone, new.contactPhone, masked: true)
        compare("overview", old.overview, new.overview)
        compare("tags", old.tags.joined(separator: ","), new.tags.joined(separator: ","))
        return changes
    }
}
