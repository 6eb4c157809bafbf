import Foundation

/// Draws a captcha answer as SVG paths: each character's strokes from `CaptchaFont`, randomly
/// rotated, scaled and shifted, every segment bent through a jittered control point, with noise
/// curves drawn like strokes and dots over it, and all paths shuffled, so the markup holds neither
/// the characters nor their order.
struct CaptchaRenderer {
    static let width = 150.0
    static let height = 50.0

    private var generator = SystemRandomNumberGenerator()

    mutating func render(_ answer: String) -> String {
        var paths: [String] = []
        let cell = (Self.width - 10) / Double(max(answer.count, 1))
        for (index, character) in answer.enumerated() {
            let scale = random(3.6...4.6)
            let angle = random(-0.3...0.3)
            let center = (x: 5 + cell * (Double(index) + 0.5) + random(-3...3), y: Self.height / 2 + random(-4...4))
            for stroke in CaptchaFont.strokes(character) {
                let points = stroke.map { point -> (x: Double, y: Double) in
                    let x = (point.x - 2 + random(-0.2...0.2)) * scale * random(0.9...1.1)
                    let y = (point.y - 3 + random(-0.2...0.2)) * scale
                    return (center.x + x * cos(angle) - y * sin(angle), center.y + x * sin(angle) + y * cos(angle))
                }
                paths.append(path(points, bend: scale * 0.2, width: random(2.0...2.8)))
            }
        }
        for _ in 0..<Int.random(in: 4...6, using: &generator) {
            let points = (0..<3).map { _ in (x: random(0...Self.width), y: random(0...Self.height)) }
            paths.append(path(points, bend: 12, width: random(1.0...2.4)))
        }
        paths.shuffle(using: &generator)
        var svg = ##"<svg xmlns="http://www.w3.org/2000/svg" width="150" height="50" viewBox="0 0 150 50">"##
        svg += ##"<rect width="150" height="50" fill="#f4f6f8"/>"##
        svg += paths.joined()
        for _ in 0..<Int.random(in: 25...40, using: &generator) {
            svg += ##"<circle cx="\##(format(random(0...Self.width)))" cy="\##(format(random(0...Self.height)))" r="\##(format(random(0.6...1.6)))" fill="#52606d"/>"##
        }
        return svg + "</svg>"
    }

    /// A path through `points` whose every segment bends through a control point pushed off its middle.
    private mutating func path(_ points: [(x: Double, y: Double)], bend: Double, width: Double) -> String {
        guard let first = points.first else { return "" }
        var data = "M\(format(first.x)) \(format(first.y))"
        for (from, to) in zip(points, points.dropFirst()) {
            let control = (x: (from.x + to.x) / 2 + random(-bend...bend), y: (from.y + to.y) / 2 + random(-bend...bend))
            data += "Q\(format(control.x)) \(format(control.y)) \(format(to.x)) \(format(to.y))"
        }
        return ##"<path d="\##(data)" fill="none" stroke="#243b53" stroke-width="\##(format(width))" stroke-linecap="round"/>"##
    }

    private mutating func random(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &generator) }

    private func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
