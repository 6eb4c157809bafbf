import Postgres
import ServiceKit

/// Turns a unique violation that slipped past a check (two requests at once) into the same
/// field-named 400 the check gives.
enum UniqueFields {
    static let constraints: [String: (field: String, message: String)] = [
        "accounts_username_key": ("username", "is taken"),
        "accounts_id_number_hash_key": ("idNumber", "already has an account; sign in or reset its password"),
        "enterprises_uscc_key": ("uscc", "is already registered"),
    ]

    static func guarding<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PostgresError where error.isUniqueViolation {
            guard let name = error.constraintName, let known = constraints[name] else { throw error }
            throw APIError.invalid(known.field, known.message)
        }
    }
}
