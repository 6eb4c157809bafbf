import Postgres

/// The SQL selecting a rule's recipients as `(kind, id)` rows from this service's projections:
/// accounts, or (in-site boxes and contact phones) enterprises. `keys` are the payload values at the
/// rule's recipient path (ids or region codes).
enum RecipientQuery {
    static func sql(_ recipients: Rule.Recipients, channel: Rule.Channel, keys: [String]) -> PostgresQuery {
        let activeMember = "m.active AND m.expires_at > now()"
        switch (recipients, channel) {
        case (.enterpriseLiaisons, _):
            return "SELECT 'account' AS kind, official_id AS id FROM liaisons WHERE enterprise_id = ANY(\(keys)::uuid[])"
        case (.unitAdmins, _):
            return """
                SELECT 'account' AS kind, official_id AS id FROM officials
                WHERE active AND 'unitAdmin' = ANY(roles) AND unit_id = ANY(\(keys)::uuid[])
                """
        case (.allOfficials, _):
            return "SELECT 'account' AS kind, official_id AS id FROM officials WHERE active"
        case (.unitOfficials, _):
            return "SELECT 'account' AS kind, official_id AS id FROM officials WHERE active AND unit_id = ANY(\(keys)::uuid[])"
        case (.inspectors, _):
            return "SELECT 'account' AS kind, official_id AS id FROM officials WHERE active AND 'inspector' = ANY(roles)"
        case (.dispatchers, _) where keys.isEmpty:
            return "SELECT 'account' AS kind, official_id AS id FROM officials WHERE active AND 'dispatcher' = ANY(roles)"
        case (.dispatchers, _):
            // Scoped as the appeals service routes: city or department units their city, industry
            // groups their sections, counties, districts and zones their region.
            return """
                SELECT DISTINCT 'account' AS kind, o.official_id AS id
                FROM officials o JOIN units u USING (unit_id) JOIN enterprises e ON e.enterprise_id = ANY(\(keys)::uuid[])
                WHERE o.active AND 'dispatcher' = ANY(o.roles) AND CASE
                    WHEN u.kind IN ('city', 'department') THEN left(e.region, 4) = left(u.region, 4)
                    WHEN u.kind = 'industryGroup' THEN EXISTS (
                        SELECT 1 FROM dispatch_group_industries g WHERE g.unit_id = u.unit_id AND g.industry = e.industry)
                    ELSE e.region = u.region
                END
                """
        case (.submitter, _):
            return "SELECT 'account' AS kind, account_id AS id FROM item_submitters WHERE item_id = ANY(\(keys)::uuid[])"
        case (.enterpriseContact, .sms):
            return """
                SELECT 'enterprise' AS kind, enterprise_id AS id FROM enterprise_contacts
                WHERE phone_sealed IS NOT NULL AND enterprise_id = ANY(\(keys)::uuid[])
                """
        case (.allEnterpriseContacts, .sms):
            return """
                SELECT 'enterprise' AS kind, c.enterprise_id AS id FROM enterprise_contacts c JOIN enterprises e USING (enterprise_id)
                WHERE e.approved AND c.phone_sealed IS NOT NULL
                """
        case (.regionEnterpriseContacts, .sms):
            return """
                SELECT 'enterprise' AS kind, c.enterprise_id AS id FROM enterprise_contacts c JOIN enterprises e USING (enterprise_id)
                WHERE e.approved AND e.region = ANY(\(keys)) AND c.phone_sealed IS NOT NULL
                """
        case (.enterpriseContact, .inbox), (.allEnterpriseContacts, .inbox), (.regionEnterpriseContacts, .inbox):
            // A phone has no in-site box (the validator refuses the pair; enterprises' boxes are `enterprise`…).
            return "SELECT 'enterprise' AS kind, NULL::uuid AS id WHERE false"
        case (.account, _):
            return "SELECT 'account' AS kind, k AS id FROM unnest(\(keys)::uuid[]) AS k"
        case (.enterpriseAdmins, _), (.enterprise, .sms):
            return """
                SELECT 'account' AS kind, m.account_id AS id FROM memberships m
                WHERE \(unescaped: activeMember) AND m.role = 'admin' AND m.enterprise_id = ANY(\(keys)::uuid[])
                """
        case (.enterpriseMembers, _):
            return """
                SELECT 'account' AS kind, m.account_id AS id FROM memberships m
                WHERE \(unescaped: activeMember) AND m.enterprise_id = ANY(\(keys)::uuid[])
                """
        case (.enterprise, .inbox):
            return "SELECT 'enterprise' AS kind, k AS id FROM unnest(\(keys)::uuid[]) AS k"
        case (.allEnterprises, .inbox):
            return "SELECT 'enterprise' AS kind, enterprise_id AS id FROM enterprises WHERE approved"
        case (.allEnterprises, .sms):
            return """
                SELECT 'account' AS kind, m.account_id AS id FROM memberships m JOIN enterprises e USING (enterprise_id)
                WHERE e.approved AND \(unescaped: activeMember) AND m.role = 'admin'
                """
        case (.regionEnterprises, .inbox):
            return "SELECT 'enterprise' AS kind, enterprise_id AS id FROM enterprises WHERE approved AND region = ANY(\(keys))"
        case (.regionEnterprises, .sms):
            return """
                SELECT 'account' AS kind, m.account_id AS id FROM memberships m JOIN enterprises e USING (enterprise_id)
                WHERE e.approved AND e.region = ANY(\(keys)) AND \(unescaped: activeMember) AND m.role = 'admin'
                """
        }
    }
}
