/// Why an event could not be wrapped or unwrapped.
public enum EnvelopeError: Error, Sendable, Equatable, CustomStringConvertible {
    case missingHeader(String)
    case invalidHeader(String, value: String)
    case typeMismatch(expected: String, actual: String)
    case malformedBody(type: String, reason: String)
    case wrongProducer(type: String, producer: String)

    public var description: String {
        switch self {
        case .missingHeader(let name): "missing header \(name)"
        case .invalidHeader(let name, _): "invalid header \(name)"
        case .typeMismatch(let expected, let actual): "expected event type \(expected), got \(actual)"
        case .malformedBody(let type, let reason): "malformed body for \(type): \(reason)"
        case .wrongProducer(let type, let producer): "\(producer) does not produce \(type)'s topic"
        }
    }
}
