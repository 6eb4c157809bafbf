import PersonalData
import ServiceKit

/// How the viewer of an item's personal data stands to the item.
enum CaseRelation: Sendable {
    /// The enterprise that filed it.
    case owner
    /// Its liaison official, its lead unit, or a dispatcher of its scope.
    case handler
    /// Anyone else who may see the item (co-handlers, inspectors, platform admins).
    case onlooker
}

/// Appeals' one rule of who sees which personal value whole: the item's owner and its handlers see
/// every field; everyone else sees each field masked in its own way.
enum AppealsDisclosure {
    static let policy = DisclosurePolicy<CaseRelation> { _, relation in
        switch relation {
        case .owner, .handler: true
        case .onlooker: false
        }
    }
}

/// The sealed personal data of items (`case_contacts`), re-sealed after a key rotation.
enum SealedContacts {
    static let columns = [SealedColumn(table: "case_contacts", keyIDColumn: "key_id", sealedColumn: "sealed")]
}
