import Foundation

/// Text searched with `LIKE`/`ILIKE` (with the default escape `\`): wildcards `%` and `_` and the
/// escape character itself are taken literally.
public enum LikePattern {
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    /// `%text%`, escaped: the rows containing `text`.
    public static func containing(_ text: String) -> String { "%" + escape(text) + "%" }
}
