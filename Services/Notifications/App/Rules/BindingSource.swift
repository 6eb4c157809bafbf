import Foundation
import Postgres

/// Where a placeholder's value comes from:
/// - `appeal.serial`: the payload field at that path;
/// - `enterprise:enterpriseID`: the projected name of the enterprise whose id is at the path;
/// - `link:/appeals/{appealID}`: the city's link base followed by the pattern, filled from payload paths;
/// - `=text`: the text itself.
enum BindingSource: Equatable, Sendable {
    case payload(String)
    case enterpriseName(String)
    case link(Template)
    case literal(String)

    init(_ text: String) {
        if text.hasPrefix("=") {
            self = .literal(String(text.dropFirst()))
        } else if text.hasPrefix("enterprise:") {
            self = .enterpriseName(String(text.dropFirst("enterprise:".count)))
        } else if text.hasPrefix("link:") {
            self = .link(Template(body: String(text.dropFirst("link:".count))))
        } else {
            self = .payload(text)
        }
    }

    /// The payload paths this source reads.
    var paths: [String] {
        switch self {
        case .payload(let path), .enterpriseName(let path): [path]
        case .link(let pattern): pattern.placeholders
        case .literal: []
        }
    }

    func resolve(
        _ payload: EventPayload, linkBase: String, on connection: PostgresConnection
    ) async throws -> String? {
        switch self {
        case .payload(let path):
            return payload.text(at: path)
        case .literal(let text):
            return text
        case .link(let pattern):
            var values: [String: String] = [:]
            for path in pattern.placeholders {
                guard let value = payload.text(at: path) else { return nil }
                values[path] = value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? value
            }
            return linkBase + pattern.render(values)
        case .enterpriseName(let path):
            guard let text = payload.text(at: path), let id = UUID(uuidString: text) else { return nil }
            let rows = try await connection.query("SELECT name FROM enterprises WHERE enterprise_id = \(id)")
            return try rows.first?.decode("name", as: String.self)
        }
    }
}
