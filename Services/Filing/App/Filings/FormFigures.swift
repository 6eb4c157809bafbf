import Foundation

/// One figure of a group of the form: its measure (`month`, `ytdYoY`, `priceMoM` …), where its value
/// sits in the group, and whether it is a %.
struct FormFigure<Group> {
    let measure: String
    let value: WritableKeyPath<Group, Amount?>
    let isPercent: Bool

    init(_ measure: String, _ value: WritableKeyPath<Group, Amount?>, percent: Bool = false) {
        self.measure = measure
        self.value = value
        self.isPercent = percent
    }
}

/// A group of figures of the form (this month and year-to-date with their yoy %, a price with its mom
/// and yoy % …), listed once: the form becomes a `FigureSheet` and a stored sheet becomes a form
/// again through this one list.
protocol FormFigures {
    init()
    static var figures: [FormFigure<Self>] { get }
}

/// A named item of a list of the form (主要产品, 主要原料): its name and unit, then its figures.
protocol FormItem: FormFigures {
    var name: String? { get set }
    var unit: String? { get set }
}

extension FormFigures {
    /// The group read back from stored figures: `value(measure)` for each of its figures.
    init(reading value: (String) -> Amount?) {
        self.init()
        for figure in Self.figures { self[keyPath: figure.value] = value(figure.measure) }
    }
}

extension FilingForm.Cumulative: FormFigures {
    static var figures: [FormFigure<Self>] {
        [.init("month", \.month), .init("monthYoY", \.monthYoY, percent: true), .init("ytd", \.ytd), .init("ytdYoY", \.ytdYoY, percent: true)]
    }
}

extension FilingForm.Monthly: FormFigures {
    static var figures: [FormFigure<Self>] { [.init("month", \.month), .init("monthYoY", \.monthYoY, percent: true)] }
}

extension FilingForm.Inventory: FormFigures {
    static var figures: [FormFigure<Self>] { [.init("value", \.value), .init("yoy", \.yoy, percent: true)] }
}

extension FilingForm.Product: FormItem {
    static var figures: [FormFigure<Self>] {
        [
            .init("outputMonth", \.outputMonth), .init("outputMonthYoY", \.outputMonthYoY, percent: true),
            .init("outputYTD", \.outputYTD), .init("outputYTDYoY", \.outputYTDYoY, percent: true),
            .init("price", \.price), .init("priceMoM", \.priceMoM, percent: true), .init("priceYoY", \.priceYoY, percent: true),
        ]
    }
}

extension FilingForm.Material: FormItem {
    static var figures: [FormFigure<Self>] {
        [.init("price", \.price), .init("priceMoM", \.priceMoM, percent: true), .init("priceYoY", \.priceYoY, percent: true)]
    }
}
