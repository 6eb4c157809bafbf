/// Text searched with `LIKE`/`ILIKE`, its wildcards (`%`, `_`) and the escape character taken literally.
enum LikePattern {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
