/// A read model a service keeps from another service's events (each service keeps its own; they
/// share only the contracts). Every projection registers its handlers the same way, and a consumer's
/// handlers are the union of its projections'.
public protocol EventProjection: Sendable {
    func register(into handlers: inout EventHandlers)
}

extension EventHandlers {
    /// The handlers of `projections`, registered in order (a later one wins for a type both handle).
    public init(_ projections: [any EventProjection]) {
        self.init()
        for projection in projections { projection.register(into: &self) }
    }
}
