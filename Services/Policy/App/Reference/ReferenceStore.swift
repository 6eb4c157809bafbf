import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Policy types, subsidy types and tags (`reference_terms`), and the projected units and regions.
enum ReferenceStore {
    struct Term: ResponseCodable, Equatable {
        var code: String
        var name: String
        var active: Bool
    }

    struct Unit: Sendable {
        var id: UUID
        var name: String
        var kind: String
        var region: String
    }

    static func page(_ kind: ReferenceKind, includeInactive: Bool, paging: Paging, on connection: PostgresConnection) async throws -> Page<Term> {
        try await connection.page(
            "SELECT code, name, active, created_at FROM reference_terms WHERE kind = \(kind.rawValue) AND (active OR \(includeInactive))",
            orderBy: "created_at, code", paging: paging, term)
    }

    static func insert(_ kind: ReferenceKind, _ term: Term, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "INSERT INTO reference_terms (kind, code, name) VALUES (\(kind.rawValue), \(term.code), \(term.name))")
    }

    static func lock(_ kind: ReferenceKind, _ code: String, on connection: PostgresConnection) async throws -> Term? {
        try await connection.query(
            "SELECT code, name, active FROM reference_terms WHERE kind = \(kind.rawValue) AND code = \(code) FOR UPDATE"
        ).first.map(term)
    }

    static func update(_ kind: ReferenceKind, _ term: Term, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "UPDATE reference_terms SET name = \(term.name), active = \(term.active) WHERE kind = \(kind.rawValue) AND code = \(term.code)")
    }

    /// The codes of `codes` that are not active terms of `kind`.
    static func unknown(_ codes: [String], kind: ReferenceKind, on connection: PostgresConnection) async throws -> [String] {
        guard !codes.isEmpty else { return [] }
        let known = Set(try await connection.query(
            "SELECT code FROM reference_terms WHERE kind = \(kind.rawValue) AND active AND code = ANY(\(codes))"
        ).map { try $0.decode("code", as: String.self) })
        return codes.filter { !known.contains($0) }
    }

    static func unit(_ id: UUID, on connection: PostgresConnection) async throws -> Unit? {
        try await connection.query("SELECT unit_id, name, kind, region FROM units WHERE unit_id = \(id)").first.map { row in
            Unit(id: try row.decode("unit_id"), name: try row.decode("name"), kind: try row.decode("kind"), region: try row.decode("region"))
        }
    }

    private static func term(_ row: PostgresRow) throws -> Term {
        Term(code: try row.decode("code"), name: try row.decode("name"), active: try row.decode("active"))
    }
}
