import Contracts
import Foundation
import Hummingbird

/// A form's figures as one flat list (how they are stored, checked and evented): each with its
/// section, item, measure, the request's field path, and whether it is a % or a quantity.
struct FigureSheet: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var section: String
        var position: Int
        var item: String
        var unit: String
        var measure: String
        /// The field in the request body, e.g. `products[1].outputYTD`.
        var field: String
        var value: Decimal?
        var isPercent: Bool

        /// The figure across filings: products and materials by name, the enterprise's own by measure.
        var key: String { FigureSheet.key(section: section, item: item, measure: measure) }
    }

    var entries: [Entry]
    /// Text fields the form requires (name and unit of each product and material, the inventory's unit).
    var missingText: [String]

    static func key(section: String, item: String, measure: String) -> String {
        "\(section)|\(section == "enterprise" ? "" : item)|\(measure)"
    }

    /// The measure holding the reported yoy (`yoy`) or mom (`mom`) % of a quantity.
    static func percentMeasure(of measure: String, _ kind: String) -> String? {
        switch (measure, kind) {
        case ("output.month", "yoy"), ("electricity.month", "yoy"), ("revenue.month", "yoy"), ("profit.month", "yoy"),
             ("tax.month", "yoy"): measure + "YoY"
        case ("output.ytd", "yoy"), ("electricity.ytd", "yoy"): measure + "YoY"
        case ("inventory.value", "yoy"): "inventory.yoy"
        case ("outputMonth", "yoy"): "outputMonthYoY"
        case ("outputYTD", "yoy"): "outputYTDYoY"
        case ("price", "yoy"): "priceYoY"
        case ("price", "mom"): "priceMoM"
        default: nil
        }
    }

    init(entries: [Entry], missingText: [String] = []) {
        self.entries = entries
        self.missingText = missingText
    }

    init(_ form: FilingForm) {
        var entries: [Entry] = []
        var missing: [String] = []
        func add(_ section: String, _ position: Int, _ item: String, _ unit: String, _ measure: String, _ field: String, _ value: Amount?, percent: Bool) {
            entries.append(Entry(section: section, position: position, item: item, unit: percent ? "%" : unit, measure: measure, field: field, value: value?.value, isPercent: percent))
        }
        func cumulative(_ name: String, _ figure: FilingForm.Cumulative?, unit: String) {
            add("enterprise", 0, "", unit, "\(name).month", "\(name).month", figure?.month, percent: false)
            add("enterprise", 0, "", unit, "\(name).monthYoY", "\(name).monthYoY", figure?.monthYoY, percent: true)
            add("enterprise", 0, "", unit, "\(name).ytd", "\(name).ytd", figure?.ytd, percent: false)
            add("enterprise", 0, "", unit, "\(name).ytdYoY", "\(name).ytdYoY", figure?.ytdYoY, percent: true)
        }
        func monthly(_ name: String, _ figure: FilingForm.Monthly?) {
            add("enterprise", 0, "", "万元", "\(name).month", "\(name).month", figure?.month, percent: false)
            add("enterprise", 0, "", "万元", "\(name).monthYoY", "\(name).monthYoY", figure?.monthYoY, percent: true)
        }
        cumulative("output", form.output, unit: "万元")
        cumulative("electricity", form.electricity, unit: "万千瓦时")
        monthly("revenue", form.revenue)
        monthly("profit", form.profit)
        monthly("tax", form.tax)
        let inventoryUnit = Self.clean(form.inventory?.unit)
        if inventoryUnit.isEmpty { missing.append("inventory.unit") }
        add("enterprise", 0, "", inventoryUnit, "inventory.value", "inventory.value", form.inventory?.value, percent: false)
        add("enterprise", 0, "", inventoryUnit, "inventory.yoy", "inventory.yoy", form.inventory?.yoy, percent: true)
        for (index, product) in (form.products ?? []).enumerated() {
            let name = Self.clean(product.name), unit = Self.clean(product.unit), base = "products[\(index)]"
            if name.isEmpty { missing.append("\(base).name") }
            if unit.isEmpty { missing.append("\(base).unit") }
            let figures: [(String, Amount?, Bool)] = [
                ("outputMonth", product.outputMonth, false), ("outputMonthYoY", product.outputMonthYoY, true),
                ("outputYTD", product.outputYTD, false), ("outputYTDYoY", product.outputYTDYoY, true),
                ("price", product.price, false), ("priceMoM", product.priceMoM, true), ("priceYoY", product.priceYoY, true),
            ]
            for (measure, value, percent) in figures {
                add("product", index + 1, name, unit, measure, "\(base).\(measure)", value, percent: percent)
            }
        }
        for (index, material) in (form.materials ?? []).enumerated() {
            let name = Self.clean(material.name), unit = Self.clean(material.unit), base = "materials[\(index)]"
            if name.isEmpty { missing.append("\(base).name") }
            if unit.isEmpty { missing.append("\(base).unit") }
            let figures: [(String, Amount?, Bool)] = [
                ("price", material.price, false), ("priceMoM", material.priceMoM, true), ("priceYoY", material.priceYoY, true),
            ]
            for (measure, value, percent) in figures {
                add("material", index + 1, name, unit, measure, "\(base).\(measure)", value, percent: percent)
            }
        }
        self.init(entries: entries, missingText: missing)
    }

    static func isPercentMeasure(_ measure: String) -> Bool {
        measure.hasSuffix("YoY") || measure.hasSuffix("MoM") || measure == "inventory.yoy"
    }

    static func clean(_ text: String?) -> String { (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    /// The entry of `measure` in the same section and position as `entry`.
    func sibling(of entry: Entry, measure: String) -> Entry? {
        entries.first { $0.section == entry.section && $0.position == entry.position && $0.measure == measure }
    }

    /// The figures present, as events carry them.
    var figures: [FilingFigure] {
        entries.compactMap { entry in
            entry.value.map {
                FilingFigure(section: entry.section, position: entry.position, item: entry.item, unit: entry.unit, measure: entry.measure, value: Amount.text($0))
            }
        }
    }
}
