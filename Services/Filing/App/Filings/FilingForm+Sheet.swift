import Foundation
import Hummingbird

extension FilingForm {
    /// The form a stored version's figures say (the contact is filled in by the caller, as disclosed).
    init(sheet: FigureSheet, contactName: String, contactPhone: String, keyIndustryType: String?, explanation: String?) {
        func value(_ section: String, _ position: Int, _ measure: String) -> Amount? {
            sheet.entries.first { $0.section == section && $0.position == position && $0.measure == measure }?.value.map(Amount.init)
        }
        /// A group read back from the figures of one section and position, measures `prefix` + the figure's.
        func read<Group: FormFigures>(_ section: String, _ position: Int, prefix: String = "") -> Group {
            Group(reading: { value(section, position, prefix + $0) })
        }
        /// A list's items in their order, each with its name and unit.
        func items<Item: FormItem>(_ section: String) -> [Item] {
            var named: [Int: (name: String, unit: String)] = [:]
            for entry in sheet.entries where entry.section == section && entry.measure.isEmpty { named[entry.position] = (entry.item, entry.unit) }
            return named.keys.sorted().map { position in
                var item: Item = read(section, position)
                (item.name, item.unit) = (named[position]?.name, named[position]?.unit)
                return item
            }
        }
        var inventory: Inventory = read("enterprise", 0, prefix: "inventory.")
        inventory.unit = sheet.entries.first { $0.section == "enterprise" && $0.measure == "inventory.value" }?.unit
        self.init(
            contactName: contactName, contactPhone: contactPhone, keyIndustryType: keyIndustryType,
            output: read("enterprise", 0, prefix: "output."), electricity: read("enterprise", 0, prefix: "electricity."),
            revenue: read("enterprise", 0, prefix: "revenue."), profit: read("enterprise", 0, prefix: "profit."),
            tax: read("enterprise", 0, prefix: "tax."), inventory: inventory,
            products: items("product"), materials: items("material"),
            explanation: explanation)
    }
}
