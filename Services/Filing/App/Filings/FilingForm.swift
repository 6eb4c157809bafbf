import Foundation
import Hummingbird

/// The monthly form of manual 1.9 (money in 万元, quantities in the filer's unit, % as reported).
/// Figures are optional in the body: whether each must be there is the `required` rule's call.
struct FilingForm: Codable, Sendable, Equatable {
    /// A figure with this month and year-to-date, each with its year-on-year %.
    struct Cumulative: Codable, Sendable, Equatable {
        var month: Amount?
        var monthYoY: Amount?
        var ytd: Amount?
        var ytdYoY: Amount?
    }

    /// A figure of this month with its year-on-year %.
    struct Monthly: Codable, Sendable, Equatable {
        var month: Amount?
        var monthYoY: Amount?
    }

    /// 月末产成品库存.
    struct Inventory: Codable, Sendable, Equatable {
        var value: Amount?
        var unit: String?
        var yoy: Amount?
    }

    /// 主要产品.
    struct Product: Codable, Sendable, Equatable {
        var name: String?
        var unit: String?
        var outputMonth: Amount?
        var outputMonthYoY: Amount?
        var outputYTD: Amount?
        var outputYTDYoY: Amount?
        /// Average ex-tax price this month.
        var price: Amount?
        var priceMoM: Amount?
        var priceYoY: Amount?
    }

    /// 主要原料.
    struct Material: Codable, Sendable, Equatable {
        var name: String?
        var unit: String?
        var price: Amount?
        var priceMoM: Amount?
        var priceYoY: Amount?
    }

    var contactName: String?
    var contactPhone: String?
    var keyIndustryType: String?
    /// 工业总产值 (万元).
    var output: Cumulative?
    /// 用电量 (万千瓦时).
    var electricity: Cumulative?
    /// 营业收入 (万元).
    var revenue: Monthly?
    /// 利润总额 (万元; may be negative).
    var profit: Monthly?
    /// 实缴税金 (万元).
    var tax: Monthly?
    var inventory: Inventory?
    var products: [Product]?
    var materials: [Material]?
    /// 情况说明.
    var explanation: String?
}
