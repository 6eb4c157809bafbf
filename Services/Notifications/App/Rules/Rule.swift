import Foundation
import Postgres

/// One rule row: an event type's messages to one group of recipients.
struct Rule: Codable, Sendable, Equatable {
    enum Recipients: String, Codable, Sendable, CaseIterable {
        case enterpriseLiaisons = "enterprise_liaisons"
        case unitAdmins = "unit_admins"
        case inspectors
        case dispatchers
        case enterprise
        case enterpriseAdmins = "enterprise_admins"
        case enterpriseMembers = "enterprise_members"
        case account
        case allEnterprises = "all_enterprises"
        case regionEnterprises = "region_enterprises"
        /// The account that submitted the appeal or complaint whose id is at the path.
        case submitter
        /// Every active official (an announcement to officials).
        case allOfficials = "all_officials"
        /// The active officials of the unit whose id is at the path (an announcement to one unit).
        case unitOfficials = "unit_officials"
        /// The contact phone of the enterprise whose id is at the path (its profile's 联系人手机, the
        /// number the enterprise receives the platform's SMS on): a phone, not an account, so SMS only.
        case enterpriseContact = "enterprise_contact"
        /// The contact phones of every approved enterprise (SMS only; `all_enterprises` texts their admins).
        case allEnterpriseContacts = "all_enterprise_contacts"
        /// The contact phones of the approved enterprises of the region at the path (SMS only).
        case regionEnterpriseContacts = "region_enterprise_contacts"

        /// Whether the payload must name whom (an enterprise, unit, account or region).
        var needsPath: Bool { ![.inspectors, .dispatchers, .allEnterprises, .allOfficials, .allEnterpriseContacts].contains(self) }
        /// Whether the recipients are enterprises' contact phones, not accounts: SMS only.
        var arePhones: Bool { [.enterpriseContact, .allEnterpriseContacts, .regionEnterpriseContacts].contains(self) }
        /// Whether the path names regions, not ids.
        var takesRegion: Bool { [.regionEnterprises, .regionEnterpriseContacts].contains(self) }
        /// Whether a path, when given, narrows the recipients: `dispatchers` with the item's enterprise
        /// at the path are those whose scope covers it (without one, every dispatcher).
        var takesPath: Bool { needsPath || self == .dispatchers }
    }

    enum Channel: String, Codable, Sendable, CaseIterable {
        case sms
        case inbox
    }

    var ruleID: String
    var eventType: String
    var recipients: Recipients
    var recipientPath: String?
    var channels: [Channel]
    var templateCode: String
    /// Placeholder name → source (see `BindingSource`).
    var bindings: [String: String]
    /// The rule applies only when the payload value at `conditionPath` is one of `conditionValues`.
    var conditionPath: String?
    var conditionValues: [String]?
    var urgent: Bool
    var enabled: Bool

    static let columns =
        "rule_id, event_type, recipients, recipient_path, channels, template_code, bindings, condition_path, condition_values, urgent, enabled"

    init(row: PostgresRow) throws {
        ruleID = try row.decode("rule_id")
        eventType = try row.decode("event_type")
        let recipientsText = try row.decode("recipients", as: String.self)
        recipients = Recipients(rawValue: recipientsText) ?? .account
        recipientPath = try row.decode("recipient_path")
        channels = try row.decode("channels", as: [String].self).compactMap(Channel.init(rawValue:))
        templateCode = try row.decode("template_code")
        bindings = try row.decode("bindings", as: PostgresJSON.self).decode([String: String].self)
        conditionPath = try row.decode("condition_path")
        conditionValues = try row.decode("condition_values")
        urgent = try row.decode("urgent")
        enabled = try row.decode("enabled")
    }

    init(
        ruleID: String, eventType: String, recipients: Recipients, recipientPath: String?, channels: [Channel],
        templateCode: String, bindings: [String: String], conditionPath: String? = nil, conditionValues: [String]? = nil,
        urgent: Bool, enabled: Bool
    ) {
        self.conditionPath = conditionPath
        self.conditionValues = conditionValues
        self.ruleID = ruleID
        self.eventType = eventType
        self.recipients = recipients
        self.recipientPath = recipientPath
        self.channels = channels
        self.templateCode = templateCode
        self.bindings = bindings
        self.urgent = urgent
        self.enabled = enabled
    }
}

extension Rule {
    /// Whether the event's content meets the rule's condition (always, without one).
    func applies(to payload: EventPayload) -> Bool {
        guard let path = conditionPath else { return true }
        guard let value = payload.text(at: path) else { return false }
        return (conditionValues ?? []).contains(value)
    }
}

/// A stored template: the inbox title and the message body, both with placeholders.
struct StoredTemplate: Codable, Sendable, Equatable {
    var code: String
    var category: String
    var title: String
    var body: String
    var version: Int

    init(row: PostgresRow) throws {
        code = try row.decode("code")
        category = try row.decode("category")
        title = try row.decode("title")
        body = try row.decode("body")
        version = try row.decode("version")
    }

    /// Every placeholder of title and body.
    var placeholders: [String] {
        var names = Template(body: title).placeholders
        for name in Template(body: body).placeholders where !names.contains(name) { names.append(name) }
        return names
    }
}
