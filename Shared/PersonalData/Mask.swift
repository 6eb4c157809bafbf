/// How personal data looks to someone who may not see it whole.
public enum Mask {
    /// `410***********1234`: region prefix and last four.
    public static func idNumber(_ value: String) -> String {
        keep(value, prefix: 3, suffix: 4)
    }

    /// `138****5678`.
    public static func phone(_ value: String) -> String {
        keep(value, prefix: 3, suffix: 4)
    }

    /// `w***@example.com`.
    public static func email(_ value: String) -> String {
        guard let at = value.firstIndex(of: "@"), at != value.startIndex else { return keep(value, prefix: 1, suffix: 0) }
        return String(value[value.startIndex]) + "***" + value[at...]
    }

    /// `王*` / `欧阳**`: the family name (first character) only.
    public static func personName(_ value: String) -> String {
        guard let first = value.first else { return value }
        return String(first) + String(repeating: "*", count: max(1, value.count - 1))
    }

    private static func keep(_ value: String, prefix: Int, suffix: Int) -> String {
        let characters = Array(value)
        guard characters.count > prefix + suffix else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(prefix)) + String(repeating: "*", count: characters.count - prefix - suffix)
            + String(characters.suffix(suffix))
    }
}
