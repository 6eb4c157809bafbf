/// A SQL statement with its parameters bound separately from the text.
///
/// String interpolation binds values: `"SELECT * FROM t WHERE id = \(id)"` sends `$1` and the
/// value. `\(identifier: name)` inserts a double-quoted identifier and `\(unescaped: fragment)`
/// inserts trusted SQL. `description` shows the SQL and the number of binds, never the values.
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var sql: String
    private(set) var binds: [PostgresBind]

    /// SQL that already contains `$1`…`$n` placeholders, with the values for them.
    public init(_ sql: String, binds: [any PostgresEncodable] = []) {
        self.sql = sql
        self.binds = binds.map(PostgresBind.init(existential:))
    }

    public init(stringLiteral value: String) {
        self.sql = value
        self.binds = []
    }

    public init(stringInterpolation: StringInterpolation) {
        self.sql = stringInterpolation.sql
        self.binds = stringInterpolation.binds
    }

    /// The number of bound parameters.
    public var bindCount: Int { binds.count }

    public var description: String { "\(sql) [\(binds.count) binds]" }

    /// Appends trusted SQL text. (Use `append(_:)` with interpolation to bind values.)
    public mutating func appendUnescaped(_ sqlFragment: String) {
        sql += sqlFragment
    }

    /// Binds a value as the next `$n` and appends the placeholder.
    public mutating func appendBind(_ value: some PostgresEncodable) {
        binds.append(PostgresBind(value))
        sql += "$\(binds.count)"
    }

    /// Appends another query, renumbering its placeholders after this query's binds, so
    /// `query.append(" AND status = \(status)")` binds `status`. Every `$n` in `other.sql`
    /// (n ≤ its bind count) is renumbered, so `other` must not contain such text in literals.
    public mutating func append(_ other: PostgresQuery) {
        guard !other.binds.isEmpty else {
            sql += other.sql
            return
        }
        var interpolation = StringInterpolation(literalCapacity: other.sql.count, interpolationCount: 0)
        interpolation.sql = sql
        interpolation.binds = binds
        interpolation.appendRenumbered(other)
        sql = interpolation.sql
        binds = interpolation.binds
    }

    /// Quotes an identifier: wraps it in double quotes and doubles embedded quotes.
    public static func quoteIdentifier(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql: String
        var binds: [PostgresBind]

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql = ""
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            binds = []
            binds.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// Binds `value` as the next parameter.
        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            binds.append(PostgresBind(value))
            sql += "$\(binds.count)"
        }

        /// Binds an optional value; `nil` binds NULL.
        public mutating func appendInterpolation<T: PostgresEncodable>(_ value: T?) {
            binds.append(PostgresBind(value))
            sql += "$\(binds.count)"
        }

        /// Inserts a double-quoted identifier (schema, table, column name).
        public mutating func appendInterpolation(identifier: String) {
            sql += PostgresQuery.quoteIdentifier(identifier)
        }

        /// Inserts raw SQL. For trusted constants only, never for input.
        public mutating func appendInterpolation(unescaped: String) {
            sql += unescaped
        }

        /// Embeds another query (a shared condition, say), its binds renumbered after these, as `append(_:)` does.
        public mutating func appendInterpolation(_ query: PostgresQuery) {
            appendRenumbered(query)
        }

        mutating func appendRenumbered(_ other: PostgresQuery) {
            let offset = binds.count
            var scalars = other.sql.unicodeScalars[...]
            while let dollar = scalars.firstIndex(of: "$") {
                sql.unicodeScalars.append(contentsOf: scalars[..<dollar])
                var digitsEnd = scalars.index(after: dollar)
                while digitsEnd < scalars.endIndex, ("0"..."9").contains(scalars[digitsEnd]) {
                    digitsEnd = scalars.index(after: digitsEnd)
                }
                let digits = String(String.UnicodeScalarView(scalars[scalars.index(after: dollar)..<digitsEnd]))
                if let number = Int(digits), number >= 1, number <= other.binds.count {
                    sql += "$\(number + offset)"
                } else {
                    sql.unicodeScalars.append(contentsOf: scalars[dollar..<digitsEnd])
                }
                scalars = scalars[digitsEnd...]
            }
            sql.unicodeScalars.append(contentsOf: scalars)
            binds += other.binds
        }
    }
}

extension PostgresQuery: CustomReflectable {
    /// Hides bound values from `dump` and debuggers' summaries.
    public var customMirror: Mirror {
        Mirror(self, children: ["sql": sql, "bindCount": binds.count], displayStyle: .struct)
    }
}
