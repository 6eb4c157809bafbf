/// One row of a `PostgresRows` result.
public struct PostgresRow: Sendable {
    let storage: PostgresResultStorage
    let row: Int

    /// Column names in result order.
    public var columnNames: [String] { storage.columns.map(\.name) }

    /// Decodes the first column named `column`. `Optional` types decode NULL as `nil`.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let index = storage.columnIndex(column) else {
            throw PostgresError(code: .decodingFailed, context: "no column named \"\(column)\"")
        }
        return try decodeCell(index, label: "\"\(column)\"")
    }

    /// Decodes the column at `index` (0-based).
    public func decode<T: PostgresDecodable>(_ index: Int, as type: T.Type = T.self) throws -> T {
        guard storage.columns.indices.contains(index) else {
            throw PostgresError(
                code: .decodingFailed, context: "column index \(index) out of range (\(storage.columns.count) columns)")
        }
        return try decodeCell(index, label: "\(index) \"\(storage.columns[index].name)\"")
    }

    /// Whether the named column is NULL (false when there is no such column).
    public func isNull(_ column: String) -> Bool {
        guard let index = storage.columnIndex(column) else { return false }
        return storage.cells[row * storage.columns.count + index] == nil
    }

    private func decodeCell<T: PostgresDecodable>(_ index: Int, label: String) throws(PostgresError) -> T {
        let column = storage.columns[index]
        do {
            return try T.decode(postgresText: storage.cells[row * storage.columns.count + index], type: column.dataType)
        } catch {
            throw PostgresError(
                code: error.code, sqlState: error.sqlState, context: "column \(label): \(error.context ?? "")")
        }
    }
}
