import Foundation

/// The operations (`GET /appeals/{id}`) an OpenAPI document declares, read from its `paths:`
/// section (two-space indented YAML as our documents are written), to compare with a router's.
public enum OpenAPIOperations {
    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]

    public static func declared(in document: String) -> Set<String> {
        var operations = Set<String>()
        var inPaths = false
        var currentPath: String?
        for rawLine in document.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            if line.hasPrefix("paths:") {
                inPaths = true
                continue
            }
            guard inPaths else { continue }
            if let first = line.first, first != " ", first != "#" {
                break  // the next top-level key
            }
            if line.hasPrefix("  /"), !line.hasPrefix("   "), line.hasSuffix(":") {
                currentPath = String(line.dropFirst(2).dropLast()).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let path = currentPath {
                let key = line.trimmingCharacters(in: .whitespaces).split(separator: ":").first.map(String.init) ?? ""
                if methods.contains(key) { operations.insert("\(key.uppercased()) \(path)") }
            }
        }
        return operations
    }

    /// `GET /appeals/:id` or `GET /appeals/{id}` → `GET /appeals/{id}`.
    public static func normalized(method: String, path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map { segment -> String in
            segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
        }
        return "\(method.uppercased()) /" + segments.joined(separator: "/")
    }
}
