/// Every event type the platform defines, so consumers can tell an event they may ignore from a
/// record no producer should have written (which goes to the dead-letter topic).
public enum EventCatalog {
    public static let all: [any DomainEvent.Type] =
        IdentityEvents.all + AppealsEvents.all + PolicyEvents.all + PolicyContentEvents.all + FilingEvents.all

    public static let knownTypes: Set<String> = Set(all.map { $0.eventType })

    public static func isKnown(_ type: String) -> Bool { knownTypes.contains(type) }
}
