import Foundation
import Hummingbird

extension FilingForm {
    /// The form a stored version's figures say (the contact is filled in by the caller, as disclosed).
    init(sheet: FigureSheet, contactName: String, contactPhone: String, keyIndustryType: String?, explanation: String?) {
        func value(_ section: String, _ position: Int, _ measure: String) -> Amount? {
            sheet.entries.first { $0.section == section && $0.position == position && $0.measure == measure }?.value.map(Amount.init)
        }
        func cumulative(_ name: String) -> Cumulative {
            Cumulative(
                month: value("enterprise", 0, "\(name).month"), monthYoY: value("enterprise", 0, "\(name).monthYoY"),
                ytd: value("enterprise", 0, "\(name).ytd"), ytdYoY: value("enterprise", 0, "\(name).ytdYoY"))
        }
        func monthly(_ name: String) -> Monthly {
            Monthly(month: value("enterprise", 0, "\(name).month"), monthYoY: value("enterprise", 0, "\(name).monthYoY"))
        }
        func items(_ section: String) -> [(position: Int, name: String, unit: String)] {
            var seen: [Int: (String, String)] = [:]
            for entry in sheet.entries where entry.section == section && entry.measure.isEmpty { seen[entry.position] = (entry.item, entry.unit) }
            return seen.keys.sorted().map { ($0, seen[$0]!.0, seen[$0]!.1) }
        }
        let inventoryUnit = sheet.entries.first { $0.section == "enterprise" && $0.measure == "inventory.value" }?.unit
        self.init(
            contactName: contactName, contactPhone: contactPhone, keyIndustryType: keyIndustryType,
            output: cumulative("output"), electricity: cumulative("electricity"),
            revenue: monthly("revenue"), profit: monthly("profit"), tax: monthly("tax"),
            inventory: Inventory(value: value("enterprise", 0, "inventory.value"), unit: inventoryUnit, yoy: value("enterprise", 0, "inventory.yoy")),
            products: items("product").map { item in
                Product(
                    name: item.name, unit: item.unit, outputMonth: value("product", item.position, "outputMonth"),
                    outputMonthYoY: value("product", item.position, "outputMonthYoY"), outputYTD: value("product", item.position, "outputYTD"),
                    outputYTDYoY: value("product", item.position, "outputYTDYoY"), price: value("product", item.position, "price"),
                    priceMoM: value("product", item.position, "priceMoM"), priceYoY: value("product", item.position, "priceYoY"))
            },
            materials: items("material").map { item in
                Material(
                    name: item.name, unit: item.unit, price: value("material", item.position, "price"),
                    priceMoM: value("material", item.position, "priceMoM"), priceYoY: value("material", item.position, "priceYoY"))
            },
            explanation: explanation)
    }
}
