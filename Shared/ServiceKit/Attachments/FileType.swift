import Foundation

/// The file types an attachment may be, recognised by their first bytes (not by the name alone).
public enum FileType: String, CaseIterable, Sendable {
    case pdf = "application/pdf"
    case png = "image/png"
    case jpeg = "image/jpeg"
    case docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    case xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    /// An MP4 video (ISO base media: `ftyp` at byte 4); only where a service asks for videos.
    case mp4 = "video/mp4"

    /// What a form's attachments may be unless a service says otherwise: documents and pictures.
    public static let documents: [FileType] = [.pdf, .png, .jpeg, .docx, .xlsx]

    public var isVideo: Bool { self == .mp4 }

    /// How a message names the type.
    public var name: String {
        switch self {
        case .pdf: "PDF"
        case .png: "PNG"
        case .jpeg: "JPEG"
        case .docx: "DOCX"
        case .xlsx: "XLSX"
        case .mp4: "MP4"
        }
    }

    public var extensions: [String] {
        switch self {
        case .pdf: ["pdf"]
        case .png: ["png"]
        case .jpeg: ["jpg", "jpeg"]
        case .docx: ["docx"]
        case .xlsx: ["xlsx"]
        case .mp4: ["mp4"]
        }
    }

    /// The type whose signature `bytes` start with and whose extension `fileName` has, if any.
    public static func detect(_ bytes: Data, fileName: String) -> FileType? {
        let head = [UInt8](bytes.prefix(8))
        let ext = (fileName as NSString).pathExtension.lowercased()
        let candidates: [FileType]
        if head.starts(with: Array("%PDF-".utf8)) {
            candidates = [.pdf]
        } else if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            candidates = [.png]
        } else if head.starts(with: [0xFF, 0xD8, 0xFF]) {
            candidates = [.jpeg]
        } else if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            candidates = [.docx, .xlsx]
        } else if head.count == 8, head[4..<8].elementsEqual(Array("ftyp".utf8)) {
            candidates = [.mp4]
        } else {
            candidates = []
        }
        return candidates.first { $0.extensions.contains(ext) }
    }
}
