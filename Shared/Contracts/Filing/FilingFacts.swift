import Foundation

/// One figure of a monthly filing as events carry it: the form's `measure` (`output.month`,
/// `output.monthYoY`, `outputMonth` of a product…) of a `section` (`enterprise`, `product`,
/// `material`), the item's position, name and unit (products and raw materials; the enterprise's own
/// figures have position 0, an empty name and the form's unit), and the value as a decimal string.
public struct FilingFigure: Codable, Sendable, Equatable {
    public var section: String
    public var position: Int
    public var item: String
    public var unit: String
    public var measure: String
    /// A decimal in plain notation (`"1234.5"`, `"-3.25"`), never a binary floating-point number.
    public var value: String

    public init(section: String, position: Int, item: String, unit: String, measure: String, value: String) {
        self.section = section
        self.position = position
        self.item = item
        self.unit = unit
        self.measure = measure
        self.value = value
    }
}

/// A warning shown on a filing (never a correction): the rule and its version, the field and the message.
public struct FilingFlag: Codable, Sendable, Equatable {
    public var rule: String
    public var ruleVersion: Int
    public var field: String
    public var message: String

    public init(rule: String, ruleVersion: Int, field: String, message: String) {
        self.rule = rule
        self.ruleVersion = ruleVersion
        self.field = field
        self.message = message
    }
}

/// What a submitted or revised filing says, so that statistics never read the filing service's tables.
public struct FilingFacts: Codable, Sendable, Equatable {
    public var filingID: UUID
    public var reportingEnterpriseID: UUID
    public var enterpriseID: UUID
    public var enterpriseName: String
    /// The county's statistical region code.
    public var region: String
    /// GB/T 4754-2017 code, e.g. `C2521`.
    public var industryCode: String
    /// `yyyy-MM`.
    public var period: String
    public var version: Int
    public var keyIndustryType: String?
    public var figures: [FilingFigure]
    public var flags: [FilingFlag]
    public var explanation: String?

    public init(
        filingID: UUID, reportingEnterpriseID: UUID, enterpriseID: UUID, enterpriseName: String, region: String,
        industryCode: String, period: String, version: Int, keyIndustryType: String?, figures: [FilingFigure],
        flags: [FilingFlag], explanation: String?
    ) {
        self.filingID = filingID
        self.reportingEnterpriseID = reportingEnterpriseID
        self.enterpriseID = enterpriseID
        self.enterpriseName = enterpriseName
        self.region = region
        self.industryCode = industryCode
        self.period = period
        self.version = version
        self.keyIndustryType = keyIndustryType
        self.figures = figures
        self.flags = flags
        self.explanation = explanation
    }
}
