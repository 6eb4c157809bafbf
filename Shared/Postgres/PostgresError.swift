/// The one error type of the `Postgres` module.
///
/// `description` shows the code, the SQLSTATE and, for error classes whose messages never echo
/// data (integrity, connection, transaction, resource classes), the server's primary message.
/// It never contains SQL text or bound values, so it is safe to log. `serverMessage` holds the raw
/// primary message for debugging; it may contain data and must never reach a client.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// An extensible error code.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let name: String

        public init(_ name: String) { self.name = name }

        public var description: String { name }

        /// Opening a connection failed (server down, refused, timed out, bad credentials).
        public static let connectionFailed = Code("connectionFailed")
        /// An open connection broke while in use.
        public static let connectionLost = Code("connectionLost")
        /// The server rejected a statement; see `sqlState`.
        public static let queryFailed = Code("queryFailed")
        /// A column could not be decoded into the requested Swift type.
        public static let decodingFailed = Code("decodingFailed")
        /// The pool has been shut down.
        public static let poolClosed = Code("poolClosed")
        /// An operation did not finish in time.
        public static let timeout = Code("timeout")
        /// The awaiting task was cancelled.
        public static let cancelled = Code("cancelled")
        /// `COMMIT` found the transaction already aborted and rolled it back.
        public static let transactionAborted = Code("transactionAborted")
        /// A migration file or set of migrations is invalid (bad name, duplicate, changed checksum).
        public static let invalidMigration = Code("invalidMigration")
        /// Applying a migration failed; the migration was rolled back and not recorded.
        public static let migrationFailed = Code("migrationFailed")
        /// The server answered in a way this module does not support (for example COPY).
        public static let unsupported = Code("unsupported")
    }

    public let code: Code
    /// The five-character SQLSTATE reported by the server, e.g. "23505".
    public let sqlState: String?
    /// The constraint named by the server for integrity violations.
    public let constraintName: String?
    /// The server's (or libpq's) primary message. May contain data values: log at debug at most and
    /// never return it to a client.
    public let serverMessage: String?
    /// Context written by this module (column names, file names); never SQL or values.
    public let context: String?

    public init(
        code: Code, sqlState: String? = nil, constraintName: String? = nil,
        serverMessage: String? = nil, context: String? = nil
    ) {
        self.code = code
        self.sqlState = sqlState
        self.constraintName = constraintName
        self.serverMessage = serverMessage
        self.context = context
    }

    /// True when the database could not be reached or the connection broke; the HTTP layer
    /// answers 503 with Retry-After for these.
    public var isConnectionError: Bool {
        if code == .connectionFailed || code == .connectionLost || code == .timeout || code == .poolClosed {
            return true
        }
        guard let sqlState else { return false }
        // Class 08: connection exception; 57P01-57P03: shutdown / cannot connect now.
        return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
    }

    /// 23505 unique_violation.
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// 23503 foreign_key_violation.
    public var isForeignKeyViolation: Bool { sqlState == "23503" }
    /// 23514 check_violation.
    public var isCheckViolation: Bool { sqlState == "23514" }
    /// 40001 serialization_failure.
    public var isSerializationFailure: Bool { sqlState == "40001" }
    /// 40P01 deadlock_detected.
    public var isDeadlock: Bool { sqlState == "40P01" }

    public var description: String {
        var text = "PostgresError(\(code)"
        if let sqlState { text += ", sqlState: \(sqlState)" }
        if let constraintName { text += ", constraint: \(constraintName)" }
        text += ")"
        if let context { text += " \(context)" }
        if let message = safeMessage { text += ": \(message)" }
        return text
    }

    /// The server message, only for classes whose messages do not echo SQL or values.
    private var safeMessage: String? {
        guard let serverMessage else { return nil }
        if code == .connectionFailed || code == .connectionLost || code == .migrationFailed {
            return serverMessage
        }
        guard let sqlState, sqlState.count == 5 else { return nil }
        if sqlState == "42601" { return nil }  // syntax_error quotes the statement
        let safeClasses: Set<Substring> = ["08", "23", "25", "28", "3D", "40", "42", "53", "54", "55", "57"]
        return safeClasses.contains(sqlState.prefix(2)) ? serverMessage : nil
    }
}

extension PostgresError: CustomReflectable {
    /// Keeps `serverMessage` out of `dump` output; read the property explicitly when debugging.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["code": code, "sqlState": sqlState as Any, "constraintName": constraintName as Any,
                "context": context as Any],
            displayStyle: .struct)
    }
}
