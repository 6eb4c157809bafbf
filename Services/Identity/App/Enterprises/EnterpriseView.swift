import Contracts
import Foundation
import Hummingbird
import PersonalData

/// An enterprise as a response shows it; phones through `IdentityDisclosure`, by the viewer's access level.
struct EnterpriseView: ResponseCodable, Sendable {
    struct Person: Codable, Sendable {
        var name: String
        var title: String
        var phone: String?
    }

    var id: UUID
    var uscc: String
    var name: String
    var region: String
    var industry: String
    var ownership: String
    var employeeBand: String
    var address: String
    var principal: Person
    var contact: Person
    var overview: String
    var tags: [String]
    var status: String
    var origin: String
    var rejectReason: String?
    var createdAt: Date

    init(_ record: EnterpriseRecord, level: EnterpriseAccess.Level) {
        let policy = IdentityDisclosure.policy
        let viewer = IdentityViewer.enterprise(level)
        let fields = record.fields
        id = record.id
        uscc = fields.uscc
        name = fields.name
        region = fields.region
        industry = fields.industry
        ownership = fields.ownership
        employeeBand = fields.employeeBand
        address = fields.address
        let principalPhone: String = policy.show(fields.principalPhone, as: .phone, to: viewer)
        let contactPhone: String? = policy.show(fields.contactPhone, as: .phone, to: viewer)
        principal = Person(name: fields.principalName, title: fields.principalTitle, phone: principalPhone)
        contact = Person(name: fields.contactName, title: fields.contactTitle, phone: contactPhone)
        overview = fields.overview
        tags = fields.tags
        status = record.status
        origin = record.origin
        rejectReason = record.rejectReason
        createdAt = record.createdAt
    }
}
