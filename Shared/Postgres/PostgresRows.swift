/// The complete result of one statement, copied out of libpq.
public struct PostgresRows: Sendable, RandomAccessCollection {
    public typealias Index = Int
    public typealias Element = PostgresRow

    let storage: PostgresResultStorage
    /// Rows inserted, updated, deleted, selected… as reported by the command tag (0 if none).
    public let affectedRows: Int
    /// The command tag, e.g. `INSERT 0 1` or `COMMIT`.
    public let commandTag: String

    init(storage: PostgresResultStorage, affectedRows: Int, commandTag: String) {
        self.storage = storage
        self.affectedRows = affectedRows
        self.commandTag = commandTag
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.rowCount }

    public subscript(position: Int) -> PostgresRow {
        precondition(indices.contains(position), "row index out of range")
        return PostgresRow(storage: storage, row: position)
    }

    /// Column names in result order.
    public var columnNames: [String] { storage.columns.map(\.name) }
}

/// Column metadata and text cells of a result; immutable once built.
final class PostgresResultStorage: Sendable {
    struct Column: Sendable {
        let name: String
        let dataType: PostgresDataType
    }

    let columns: [Column]
    /// Row-major cells; `nil` is SQL NULL.
    let cells: [String?]
    let rowCount: Int
    private let indexByName: [String: Int]

    init(columns: [Column], cells: [String?], rowCount: Int) {
        self.columns = columns
        self.cells = cells
        self.rowCount = rowCount
        var indexByName: [String: Int] = [:]
        for (index, column) in columns.enumerated() where indexByName[column.name] == nil {
            indexByName[column.name] = index
        }
        self.indexByName = indexByName
    }

    static let empty = PostgresResultStorage(columns: [], cells: [], rowCount: 0)

    func columnIndex(_ name: String) -> Int? { indexByName[name] }
}
