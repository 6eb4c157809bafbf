import Foundation
import Hummingbird

/// CSV for Excel, one way for every statistics download: every field quoted (a doubled quote inside),
/// CRLF line ends, the body UTF-8 with a byte order mark (so Excel reads the Chinese labels), sent as
/// an attachment. Text that comes from events (names, titles) goes through `text` first.
enum SpreadsheetCSV {
    /// One row: every field quoted, ending in CRLF.
    static func line(_ fields: [String]) -> String {
        fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") + "\r\n"
    }

    /// A value from an event: one starting like a formula is kept as text (a leading apostrophe).
    static func text(_ value: String) -> String {
        guard let first = value.first, "=+-@\t\r".contains(first) else { return value }
        return "'" + value
    }

    /// The CSV `text` as a download named `filename`: `text/csv; charset=utf-8`, a byte order mark first.
    static func response(_ text: String, filename: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"\(filename)\"",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))))
    }
}
