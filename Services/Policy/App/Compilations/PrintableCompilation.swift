import Foundation

/// A compilation as one printable HTML page: its title, a table of contents, then each policy with
/// its document number, issuing agency and issue date and its (already sanitized) body.
enum PrintableCompilation {
    static func html(_ compilation: CompilationStore.Summary, entries: [CompilationStore.Entry]) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "zh_CN")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy年M月d日"
        var page = """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>\(escape(compilation.title))</title>
            <style>body{font-family:"SimSun",serif;max-width:48em;margin:2em auto;line-height:1.8}h2{page-break-before:always}
            .meta{color:#555}@media print{nav{page-break-after:always}}</style></head><body>
            <h1>\(escape(compilation.title))</h1>

            """
        if let description = compilation.description { page += "<p>\(escape(description))</p>\n" }
        page += "<nav><h3>目录</h3><ol>\n"
        for entry in entries { page += "<li>\(escape(entry.title))</li>\n" }
        page += "</ol></nav>\n"
        for entry in entries {
            page += "<section><h2>\(entry.position). \(escape(entry.title))</h2>\n"
            var meta = [escape(entry.documentNumber)]
            if let agency = entry.agencyName { meta.append(escape(agency)) }
            meta.append("出台时间：" + formatter.string(from: entry.issuedAt))
            if entry.status == "withdrawn" { meta.append("（该政策已撤回）") }
            page += "<p class=\"meta\">\(meta.joined(separator: "　"))</p>\n<div>\(entry.body)</div></section>\n"
        }
        return page + "</body></html>\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
