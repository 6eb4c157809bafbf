/// The appeals service's events on `qinqing.appeals.v1`.
public enum AppealsEvents {
    public static let all: [any DomainEvent.Type] = []
}
