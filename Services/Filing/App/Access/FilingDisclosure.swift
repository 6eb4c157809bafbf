import PersonalData
import ServiceKit

/// How the viewer of a filing's personal data stands to it.
enum FilingRelation: Sendable {
    /// The enterprise that filed it.
    case filer
    /// Anyone else who may see the filing (its liaison, the statistics bureau).
    case onlooker
}

/// Filing's one rule of who sees which personal value whole: the filing enterprise sees its contact
/// phone whole; its liaison and the statistics bureau see it masked (they reach the contact through
/// identity's directory, not through the figures).
enum FilingDisclosure {
    static let policy = DisclosurePolicy<FilingRelation> { _, relation in
        switch relation {
        case .filer: true
        case .onlooker: false
        }
    }

    /// The sealed personal data, re-sealed after a key rotation.
    static let sealedColumns = [SealedColumn.field("phone", of: "filing_versions")]
}
