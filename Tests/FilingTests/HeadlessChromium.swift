import Foundation
import Testing

/// Debian's chromium, headless, for the printable pages (found through QINQING_CHROMIUM_BIN, which
/// scripts/test.sh exports after scripts/install.sh installed the package): a screenshot's pixels
/// (decoded by `png_pixels.py`-style Python below: no image library in the test target) and the
/// laid-out size of the SVG chart elements (a measuring script is added to the test's copy of the
/// page only; the served pages have none).
enum HeadlessChromium {
    struct Screenshot {
        var width: Int
        var height: Int
        /// Pixels that are not white.
        var nonWhite: Int
        /// Which of the asked-for colours (`#rrggbb`) appear as exact pixels.
        var colors: Set<String>
    }

    struct Box: Decodable {
        var kind: String
        var width: Double
        var height: Double
    }

    static func binary(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let path = ProcessInfo.processInfo.environment["QINQING_CHROMIUM_BIN"] ?? ""
        try #require(
            !path.isEmpty && FileManager.default.isExecutableFile(atPath: path),
            "QINQING_CHROMIUM_BIN is empty or not executable: run under ./dev test, which installs Debian's chromium (scripts/install.sh) and exports it (scripts/test.sh)",
            sourceLocation: sourceLocation)
        return path
    }

    /// Renders `html` at `width`×`height` and reads the PNG back.
    static func screenshot(_ html: String, width: Int, height: Int, colors: [String]) throws -> Screenshot {
        let folder = try workFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("page.html"), png = folder.appendingPathComponent("page.png")
        try Data(html.utf8).write(to: page)
        _ = try run(try binary(), common(folder) + ["--window-size=\(width),\(height)", "--screenshot=\(png.path)", page.absoluteString])
        let output = try run("/usr/bin/env", ["python3", "-c", pngScript, png.path] + colors)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        return Screenshot(
            width: parsed["width"] as? Int ?? 0, height: parsed["height"] as? Int ?? 0, nonWhite: parsed["nonWhite"] as? Int ?? 0,
            colors: Set(parsed["colors"] as? [String] ?? []))
    }

    /// The laid-out boxes of the charts (`svg.chart`) and their elements (`rect.bar`, `rect.column`,
    /// `polyline.trend`), from `--dump-dom` after a measuring script ran in the test's copy.
    static func layout(_ html: String) throws -> [Box] {
        let folder = try workFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("page.html")
        let measuring = """
            <script>
            const boxes = [];
            for (const e of document.querySelectorAll('svg.chart, rect.bar, rect.column, polyline.trend')) {
              const r = e.getBoundingClientRect();
              const kind = e.tagName.toLowerCase() === 'svg' ? 'svg.' + e.classList[1] : e.tagName.toLowerCase() + '.' + e.classList[0];
              boxes.push({kind, width: r.width, height: r.height});
            }
            const pre = document.createElement('pre'); pre.id = 'qq-layout'; pre.textContent = JSON.stringify(boxes);
            document.body.appendChild(pre);
            </script>
            """
        try Data(html.replacingOccurrences(of: "</body>", with: measuring + "</body>").utf8).write(to: page)
        let dom = try run(try binary(), common(folder) + ["--window-size=1000,2000", "--dump-dom", page.absoluteString])
        let start = try #require(dom.range(of: "<pre id=\"qq-layout\">"), "no layout in the dumped DOM")
        let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
        let json = String(dom[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode([Box].self, from: Data(json.utf8))
    }

    static func common(_ folder: URL) -> [String] {
        // As root (CI) chromium needs --no-sandbox; its own profile folder keeps runs apart.
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--no-first-run",
         "--user-data-dir=\(folder.appendingPathComponent("profile").path)"]
    }

    static func workFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qq-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs a program to its end; its standard output (a failure names the program and its errors).
    static func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw RunFailure(description: "\(program) \(arguments.first ?? "") exited \(process.terminationStatus): \(String(decoding: errorData.suffix(2000), as: UTF8.self))")
        }
        return String(decoding: outputData, as: UTF8.self)
    }

    struct RunFailure: Error, CustomStringConvertible { var description: String }

    /// Decodes an 8-bit, non-interlaced PNG (what chromium writes) with the standard library only.
    static let pngScript = #"""
import json, struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat = 8, b''
while pos < len(data):
    n, kind = struct.unpack('>I', data[pos:pos + 4])[0], data[pos + 4:pos + 8]
    chunk = data[pos + 8:pos + 8 + n]
    pos += 12 + n
    if kind == b'IHDR':
        width, height, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', chunk)
    elif kind == b'IDAT':
        idat += chunk
assert depth == 8 and interlace == 0, 'unexpected PNG format'
bpp = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
raw, stride = zlib.decompress(idat), width * bpp
wanted = {bytes.fromhex(c.lstrip('#')): c for c in sys.argv[2:]}
found, non_white, prev, i = set(), 0, bytearray(stride), 0
for y in range(height):
    f = raw[i]; i += 1
    line = bytearray(raw[i:i + stride]); i += stride
    if f == 1:
        for x in range(bpp, stride): line[x] = (line[x] + line[x - bpp]) & 255
    elif f == 2:
        for x in range(stride): line[x] = (line[x] + prev[x]) & 255
    elif f == 3:
        for x in range(stride): line[x] = (line[x] + (((line[x - bpp] if x >= bpp else 0) + prev[x]) >> 1)) & 255
    elif f == 4:
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0; b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else (b if pb <= pc else c))) & 255
    for x in range(0, stride, bpp):
        pixel = bytes(line[x:x + 3]) if bpp >= 3 else bytes(line[x:x + 1]) * 3
        if pixel != b'\xff\xff\xff':
            non_white += 1
            if pixel in wanted: found.add(wanted[pixel])
    prev = line
print(json.dumps({'width': width, 'height': height, 'nonWhite': non_white, 'colors': sorted(found)}))
"""#
}
