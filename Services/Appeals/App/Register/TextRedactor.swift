import Foundation
import PersonalData

/// Removes personal data from free text before it goes public: the people named on the item are
/// masked (王建华 → 王**), and anything shaped like an ID number, a phone or an email is masked.
struct TextRedactor {
    let names: [String]

    func redact(_ text: String) -> String {
        var result = text
        for name in names.filter({ $0.count >= 2 }).sorted(by: { $0.count > $1.count }) {
            result = result.replacingOccurrences(of: name, with: Mask.personName(name))
        }
        result = replace(#"[0-9]{17}[0-9Xx]"#, in: result) { Mask.idNumber($0) }
        result = replace(#"1[3-9][0-9]{9}"#, in: result) { Mask.phone($0) }
        result = replace(#"0[0-9]{2,3}-?[0-9]{7,8}"#, in: result) { _ in "****" }
        result = replace(#"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#, in: result) { Mask.email($0) }
        return result
    }

    private func replace(_ pattern: String, in text: String, with transform: (String) -> String) -> String {
        var output = ""
        var rest = text[...]
        while let range = rest.range(of: pattern, options: .regularExpression) {
            output += rest[..<range.lowerBound]
            output += transform(String(rest[range]))
            rest = rest[range.upperBound...]
        }
        return output + rest
    }
}
