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
        /// A group's figures: measures `prefix` + the figure's measure, fields `field` + the same.
        func group<Group: FormFigures>(_ figures: Group?, _ section: String, _ position: Int, _ item: String, _ unit: String, prefix: String, field: String) {
            for figure in Group.figures {
                add(section, position, item, unit, prefix + figure.measure, field + figure.measure, figures?[keyPath: figure.value], percent: figure.isPercent)
            }
        }
        group(form.output, "enterprise", 0, "", "万元", prefix: "output.", field: "output.")
        group(form.electricity, "enterprise", 0, "", "万千瓦时", prefix: "electricity.", field: "electricity.")
        for (name, figure) in [("revenue", form.revenue), ("profit", form.profit), ("tax", form.tax)] {
            group(figure, "enterprise", 0, "", "万元", prefix: "\(name).", field: "\(name).")
        }
        let inventoryUnit = Self.clean(form.inventory?.unit)
        if inventoryUnit.isEmpty { missing.append("inventory.unit") }
        group(form.inventory, "enterprise", 0, "", inventoryUnit, prefix: "inventory.", field: "inventory.")
        /// A list's items, each with its name and unit (both required) and its figures.
        func items<Item: FormItem>(_ list: [Item]?, _ section: String, field: String) {
            for (index, item) in (list ?? []).enumerated() {
                let name = Self.clean(item.name), unit = Self.clean(item.unit), base = "\(field)[\(index)]"
                if name.isEmpty { missing.append("\(base).name") }
                if unit.isEmpty { missing.append("\(base).unit") }
                group(item, section, index + 1, name, unit, prefix: "", field: base + ".")
            }
        }
        items(form.products, "product", field: "products")
        items(form.materials, "material", field: "materials")
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
