import CLibPQ
import Foundation

/// Synchronous libpq calls. Each function must run on the queue of the handle that owns `connection`.
enum LibPQ {
    /// Runs one statement with its parameters and explicit type OIDs (`PQexecParams`).
    static func execute(_ connection: OpaquePointer, sql: String, binds: [PostgresBind]) -> Result<
        PostgresRows, PostgresError
    > {
        withValues(binds) { values, lengths, formats in
            let types = binds.map { Oid($0.dataType.rawValue) }
            return consume(PQexecParams(connection, sql, Int32(binds.count), types, values, lengths, formats, 0), connection)
        }
    }

    /// Parses `sql` once as the session's named statement `name`, with the parameter types given (`PQprepare`).
    static func prepare(_ connection: OpaquePointer, name: String, sql: String, types: [Oid]) -> Result<Void, PostgresError> {
        consume(PQprepare(connection, name, sql, Int32(types.count), types), connection).map { _ in () }
    }

    /// Runs the named statement with its parameters (`PQexecPrepared`).
    static func executePrepared(_ connection: OpaquePointer, name: String, binds: [PostgresBind]) -> Result<
        PostgresRows, PostgresError
    > {
        withValues(binds) { values, lengths, formats in
            consume(PQexecPrepared(connection, name, Int32(binds.count), values, lengths, formats, 0), connection)
        }
    }

    /// The binds for libpq: values (NULL for SQL NULL), their lengths and formats (1 for binary);
    /// fails when a text value holds a NUL character.
    private static func withValues(
        _ binds: [PostgresBind],
        _ body: ([UnsafePointer<CChar>?], [Int32], [Int32]) -> Result<PostgresRows, PostgresError>
    ) -> Result<PostgresRows, PostgresError> {
        for (index, bind) in binds.enumerated() where bind.text?.utf8.contains(0) == true {
            return .failure(
                PostgresError(
                    code: .queryFailed, sqlState: "22021", context: "parameter $\(index + 1) contains a NUL character"))
        }
        let values: [UnsafeMutablePointer<CChar>?] = binds.map { bind in
            if let binary = bind.binary {
                let copy = UnsafeMutablePointer<CChar>.allocate(capacity: max(1, binary.count))
                UnsafeMutableRawBufferPointer(start: copy, count: binary.count).copyBytes(from: binary)
                return copy
            }
            return bind.text.map { strdup($0) } ?? nil
        }
        defer {
            for (bind, value) in zip(binds, values) {
                if bind.binary != nil { value?.deallocate() } else { free(value) }
            }
        }
        let lengths = binds.map { Int32($0.binary?.count ?? 0) }
        let formats = binds.map { $0.binary == nil ? Int32(0) : 1 }
        return body(values.map { $0.map { UnsafePointer($0) } }, lengths, formats)
    }

    /// True when the session has no transaction open and the connection is up.
    static func isIdle(_ connection: OpaquePointer) -> Bool {
        PQstatus(connection) == CONNECTION_OK && PQtransactionStatus(connection) == PQTRANS_IDLE
    }

    /// Runs a script of one or more statements without parameters (`PQexec`); used for session
    /// setup, transaction control and migrations. Returns the last statement's result.
    static func executeScript(_ connection: OpaquePointer, sql: String) -> Result<PostgresRows, PostgresError> {
        consume(PQexec(connection, sql), connection)
    }

    /// Whether an idle connection can be lent out. An idle session never expects input, so a
    /// readable socket means the server sent something unsolicited (typically the FATAL notice of a
    /// terminated backend, followed by EOF) and the connection is discarded.
    static func isUsable(_ connection: OpaquePointer) -> Bool {
        guard PQstatus(connection) == CONNECTION_OK, PQtransactionStatus(connection) == PQTRANS_IDLE else {
            return false
        }
        var descriptor = pollfd(fd: PQsocket(connection), events: Int16(POLLIN), revents: 0)
        return descriptor.fd >= 0 && poll(&descriptor, 1, 0) == 0
    }

    /// Brings a returned connection back to a clean idle state (rolling back an open
    /// transaction); false when it should be discarded.
    static func resetForReuse(_ connection: OpaquePointer) -> Bool {
        guard PQstatus(connection) == CONNECTION_OK else { return false }
        switch PQtransactionStatus(connection) {
        case PQTRANS_IDLE:
            return true
        case PQTRANS_INTRANS, PQTRANS_INERROR:
            guard case .success = executeScript(connection, sql: "ROLLBACK") else { return false }
            return PQtransactionStatus(connection) == PQTRANS_IDLE
        default:
            return false
        }
    }

    private static func consume(_ result: OpaquePointer?, _ connection: OpaquePointer) -> Result<
        PostgresRows, PostgresError
    > {
        guard let result else {
            let lost = PQstatus(connection) != CONNECTION_OK
            return .failure(
                PostgresError(code: lost ? .connectionLost : .queryFailed, serverMessage: connectionMessage(connection)))
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return .success(rows(from: result))
        case PGRES_FATAL_ERROR, PGRES_NONFATAL_ERROR, PGRES_BAD_RESPONSE:
            return .failure(error(from: result, connection))
        default:
            return .failure(PostgresError(code: .unsupported, context: "COPY and streaming results are not supported"))
        }
    }

    private static func rows(from result: OpaquePointer) -> PostgresRows {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        var columns: [PostgresResultStorage.Column] = []
        columns.reserveCapacity(columnCount)
        for column in 0..<Int32(columnCount) {
            columns.append(
                PostgresResultStorage.Column(
                    name: String(cString: PQfname(result, column)),
                    dataType: PostgresDataType(rawValue: PQftype(result, column))))
        }
        var cells: [String?] = []
        cells.reserveCapacity(rowCount * columnCount)
        for row in 0..<Int32(rowCount) {
            for column in 0..<Int32(columnCount) {
                if PQgetisnull(result, row, column) != 0 {
                    cells.append(nil)
                } else {
                    cells.append(String(cString: PQgetvalue(result, row, column)))
                }
            }
        }
        let commandTag = String(cString: PQcmdStatus(result))
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        let storage =
            columnCount == 0 ? PostgresResultStorage.empty
            : PostgresResultStorage(columns: columns, cells: cells, rowCount: rowCount)
        return PostgresRows(storage: storage, affectedRows: affected, commandTag: commandTag)
    }

    private static func error(from result: OpaquePointer, _ connection: OpaquePointer) -> PostgresError {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        let lost = PQstatus(connection) != CONNECTION_OK
        return PostgresError(
            code: lost ? .connectionLost : .queryFailed,
            sqlState: field(Int32(UInt8(ascii: "C"))),
            constraintName: field(Int32(UInt8(ascii: "n"))),
            serverMessage: field(Int32(UInt8(ascii: "M"))) ?? connectionMessage(connection))
    }

    /// libpq's current error message on one line.
    static func connectionMessage(_ connection: OpaquePointer) -> String {
        String(cString: PQerrorMessage(connection))
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
    }
}
