import Contracts
import Foundation
import Hummingbird
import PersonalData

/// An enterprise as a response shows it; phones whole only to those who need them.
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

    init(_ record: EnterpriseRecord, showPhones: Bool) {
        let fields = record.fields
        id = record.id
        uscc = fields.uscc
        name = fields.name
        region = fields.region
        industry = fields.industry
        ownership = fields.ownership
        employeeBand = fields.employeeBand
        address = fields.address
        principal = Person(
            name: fields.principalName, title: fields.principalTitle,
            phone: showPhones ? fields.principalPhone : Mask.phone(fields.principalPhone))
        contact = Person(
            name: fields.contactName, title: fields.contactTitle,
            phone: fields.contactPhone.map { showPhones ? $0 : Mask.phone($0) })
        overview = fields.overview
        tags = fields.tags
        status = record.status
        origin = record.origin
        rejectReason = record.rejectReason
        createdAt = record.createdAt
    }
}
