import Foundation
import ServiceKit

/// Field checks shared by the controllers; each throws a field-named 400.
enum Inputs {
    static func text(_ value: String?, field: String, max: Int = 200, required: Bool = true) throws -> String {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty && required { throw APIError.invalid(field, "is required") }
        guard trimmed.count <= max else { throw APIError.invalid(field, "must be at most \(max) characters") }
        return trimmed
    }

    /// Mainland mobile numbers: 11 digits starting with 1[3-9].
    static func phone(_ value: String?, field: String) throws -> String {
        let text = try Self.text(value, field: field, max: 20)
        let characters = Array(text)
        guard characters.count == 11, characters.allSatisfy(\.isASCIIDigit), characters[0] == "1",
            ("3"..."9").contains(characters[1])
        else { throw APIError.invalid(field, "must be an 11-digit mainland mobile number") }
        return text
    }

    static func idNumber(_ value: String?, field: String) throws -> String {
        let text = try Self.text(value, field: field, max: 18)
        guard let valid = IDNumber.validate(text) else {
            throw APIError.invalid(field, "is not a valid resident ID number (GB 11643-1999 check character)")
        }
        return valid
    }

    static func uscc(_ value: String?, field: String) throws -> String {
        let text = try Self.text(value, field: field, max: 18)
        guard let valid = USCC.validate(text) else {
            throw APIError.invalid(field, "is not a valid unified social credit code (GB 32100-2015 check character)")
        }
        return valid
    }

    static func username(_ value: String?, field: String) throws -> String {
        let text = try Self.text(value, field: field, max: 64).lowercased()
        guard text.count >= 3, text.allSatisfy({ $0.isLetter || $0.isNumber || "._-@".contains($0) }) else {
            throw APIError.invalid(field, "must be 3–64 letters, digits or . _ - @")
        }
        return text
    }
}
