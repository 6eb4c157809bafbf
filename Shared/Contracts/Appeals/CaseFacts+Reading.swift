import Foundation

// The facts read without Codable (`EventBodyReader`), for the statistics ingest: the same fields,
// required and optional, as the Codable decoding, so what it reads equals what Codable decodes.

extension CaseFacts {
    public init(reading reader: inout EventBodyReader) throws {
        var id: UUID?, kind: Kind?, serialNumber: String?, title: String?, enterpriseID: UUID?, enterpriseName: String?
        var region: String?, category: String?, status: String?, submittedAt: Date?
        var unitID: UUID?, unitName: String?, liaisonOfficialID: UUID?, step: String?, dueAt: Date?, closedAt: Date?
        try reader.object { key, reader in
            switch key {
            case "id": id = try reader.uuid()
            case "kind":
                guard let value = Kind(rawValue: try reader.string()) else { throw EventBodyReader.Decline() }
                kind = value
            case "serialNumber": serialNumber = try reader.string()
            case "title": title = try reader.string()
            case "enterpriseID": enterpriseID = try reader.uuid()
            case "enterpriseName": enterpriseName = try reader.string()
            case "region": region = try reader.string()
            case "category": category = try reader.string()
            case "status": status = try reader.string()
            case "unitID": unitID = try reader.optionalUUID()
            case "unitName": unitName = try reader.optionalString()
            case "liaisonOfficialID": liaisonOfficialID = try reader.optionalUUID()
            case "step": step = try reader.optionalString()
            case "dueAt": dueAt = try reader.optionalDate()
            case "submittedAt": submittedAt = try reader.date()
            case "closedAt": closedAt = try reader.optionalDate()
            default: try reader.skip()
            }
        }
        guard let id, let kind, let serialNumber, let title, let enterpriseID, let enterpriseName, let region, let category,
            let status, let submittedAt
        else { throw EventBodyReader.Decline() }
        self.init(
            id: id, kind: kind, serialNumber: serialNumber, title: title, enterpriseID: enterpriseID, enterpriseName: enterpriseName,
            region: region, category: category, status: status, unitID: unitID, unitName: unitName,
            liaisonOfficialID: liaisonOfficialID, step: step, dueAt: dueAt, submittedAt: submittedAt, closedAt: closedAt)
    }
}

extension TransitionFacts {
    public init(reading reader: inout EventBodyReader) throws {
        var actorID: UUID?, actorRole: String?, actorUnitID: UUID?, fromStatus: String?, toStatus: String?, note: String?
        var at: Date?
        try reader.object { key, reader in
            switch key {
            case "actorID": actorID = try reader.optionalUUID()
            case "actorRole": actorRole = try reader.string()
            case "actorUnitID": actorUnitID = try reader.optionalUUID()
            case "fromStatus": fromStatus = try reader.optionalString()
            case "toStatus": toStatus = try reader.string()
            case "note": note = try reader.optionalString()
            case "at": at = try reader.date()
            default: try reader.skip()
            }
        }
        guard let actorRole, let toStatus, let at else { throw EventBodyReader.Decline() }
        self.init(actorID: actorID, actorRole: actorRole, actorUnitID: actorUnitID, fromStatus: fromStatus, toStatus: toStatus, note: note, at: at)
    }
}
