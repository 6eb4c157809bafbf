import Foundation
import WorkCalendar
@testable import NotificationsApp
import Testing

@Suite("SMS length and templates")
struct SmsTextTests {
    @Test("up to 70 characters is one message; longer texts go in parts of 67, never splitting a character")
    func splitting() {
        let seventy = String(repeating: "企", count: 70)
        #expect(SmsText.partCount(seventy) == 1)
        #expect(SmsText.parts(seventy) == [seventy])
        let seventyOne = seventy + "业"
        #expect(SmsText.partCount(seventyOne) == 2)
        #expect(SmsText.parts(seventyOne).map { $0.count } == [67, 4])
        let long = String(repeating: "诉", count: 135)
        #expect(SmsText.partCount(long) == 3)
        let emoji = String(repeating: "企", count: 66) + "👍" + String(repeating: "企", count: 10)
        #expect(SmsText.length(emoji) == 78)
        #expect(SmsText.parts(emoji).first?.hasSuffix("企") == true)
        #expect(SmsText.parts(emoji).joined() == emoji)
    }

    @Test("placeholders are named; other braces are text; unresolved ones stay visible in previews")
    func placeholders() {
        let template = Template(body: "{enterpriseName}提交的诉求{serial}待审核，{不是占位符}{appeal.dueAt}")
        #expect(template.placeholders == ["enterpriseName", "serial", "appeal.dueAt"])
        #expect(template.render(["enterpriseName": "某公司", "serial": "SQ202611001"]) == "某公司提交的诉求SQ202611001待审核，{不是占位符}{appeal.dueAt}")
    }

    @Test("quiet hours across midnight defer to their end, Beijing time")
    func quietHours() throws {
        let quiet = try #require(QuietHours(start: "22:00", end: "08:00"))
        let earlyMorning = Date(timeIntervalSince1970: 1_796_076_000)  // 2026-12-01 06:00 Beijing
        let end = try #require(quiet.deferral(for: earlyMorning))
        #expect(BeijingTime.minuteText(end) == "2026-12-01 08:00")
        #expect(quiet.deferral(for: earlyMorning.addingTimeInterval(3 * 3600)) == nil)
        #expect(BeijingTime.minuteText(try #require(quiet.deferral(for: earlyMorning.addingTimeInterval(17 * 3600)))) == "2026-12-02 08:00")
        #expect(QuietHours(start: "24:00", end: "08:00") == nil)
    }

    @Test("gateway signatures verify, and fail for another body, another secret or an old timestamp")
    func signatures() {
        let body = Data(#"{"providerMessageId":"p1","status":"delivered"}"#.utf8)
        let now = Date()
        let timestamp = String(Int(now.timeIntervalSince1970))
        let signature = SmsSignature.sign(body: body, timestamp: timestamp, secret: "0123456789abcdef")
        #expect(SmsSignature.verify(body: body, timestamp: timestamp, signature: signature, secret: "0123456789abcdef"))
        #expect(!SmsSignature.verify(body: body + Data(" ".utf8), timestamp: timestamp, signature: signature, secret: "0123456789abcdef"))
        #expect(!SmsSignature.verify(body: body, timestamp: timestamp, signature: signature, secret: "fedcba9876543210"))
        let old = String(Int(now.timeIntervalSince1970) - 600)
        #expect(!SmsSignature.verify(
            body: body, timestamp: old, signature: SmsSignature.sign(body: body, timestamp: old, secret: "0123456789abcdef"),
            secret: "0123456789abcdef"))
    }
}
