import Check
import Config
import Discover
import Map
import Read

/// What a file is and how it is read: decided from its content before any file is read
/// in full, so that a profile that does not fit its file stops the run (exit 2) before
/// work is done.
enum SourcePlan: Sendable {
    case cinCensus
    case ssda903XML
    case csv(RowLayout, SourceFamily, delimiter: UInt8, encoding: TextEncoding?)
    case json(RowLayout, SourceFamily, records: JSONRecords)
    case xmlRows(RowLayout, SourceFamily, recordPath: [String], kindFromName: Bool)
    /// Not an export caselint maps; its syntax is still checked.
    case skip(reason: String, syntax: SyntaxCheck?)

    enum SyntaxCheck: Sendable {
        case xml, csv(UInt8), json(JSONRecords)
    }

    var isSource: Bool {
        if case .skip = self { return false }
        return true
    }

    /// What a source is read as (nil for a file that is skipped).
    var family: SourceFamily? {
        switch self {
        case .cinCensus: .cinCensus
        case .ssda903XML: .ssda903
        case .csv(_, let f, _, _), .json(_, let f, _), .xmlRows(_, let f, _, _): f
        case .skip: nil
        }
    }

    /// A source whose every child arrives whole (no other part of the file adds to it).
    var holdsWholeChildren: Bool {
        switch self {
        case .cinCensus, .ssda903XML: return true
        default: return false
        }
    }

    static let interchangeRoot = "Interchange"

    /// Chooses how to read a file: built-in formats first (CIN census, SSDA903,
    /// interchange), then the first profile whose match rules fit.
    static func plan(_ sniffed: Sniffed, profiles: [MappingProfile]) -> (SourcePlan, [ConfigError]) {
        switch sniffed {
        case .xml(let root):
            if root == XMLLayout.cinCensus.root.name.name { return (.cinCensus, []) }
            if root == SSDA903.xml.root.name.name { return (.ssda903XML, []) }
            if root == interchangeRoot {
                return (.xmlRows(.interchange, .interchange, recordPath: [interchangeRoot, "*"], kindFromName: true), [])
            }
            if let root, let p = profiles.first(where: { $0.format == .xml && $0.root == root }) {
                return (.xmlRows(p.layout, .mapped, recordPath: p.records ?? [], kindFromName: false), [])
            }
            let what = root.map { "XML with root element <\($0)>" } ?? "XML of an unknown kind"
            return (.skip(reason: what, syntax: .xml), [])
        case .csv(let header, let delimiter):
            if header.first == "record" {
                return (.csv(.interchange, .interchange, delimiter: delimiter, encoding: nil), [])
            }
            if let table = SSDA903.table(forHeader: header) {
                return (.csv(table.layout, .ssda903, delimiter: delimiter, encoding: nil), [])
            }
            if let p = profiles.first(where: { $0.format == .csv && !$0.header.isEmpty && Set(header).isSuperset(of: $0.header) }) {
                return (.csv(p.layout, .mapped, delimiter: p.delimiter ?? delimiter, encoding: p.encoding), p.missingColumns(in: header))
            }
            return (.skip(reason: "CSV that no profile matches (header: \(header.prefix(6).joined(separator: ", "))\(header.count > 6 ? ", …" : ""))",
                          syntax: .csv(delimiter)), [])
        case .json(let records, let keys):
            if keys.contains("record") {
                return (.json(.interchange, .interchange, records: records), [])
            }
            if let p = profiles.first(where: { $0.format == .json && !$0.keys.isEmpty && Set(keys).isSuperset(of: $0.keys) }) {
                return (.json(p.layout, .mapped, records: p.records.map { .member($0) } ?? records), [])
            }
            return (.skip(reason: "JSON that no profile matches (keys: \(keys.prefix(6).joined(separator: ", ")))", syntax: .json(records)), [])
        case .profile:
            return (.skip(reason: "mapping profile", syntax: nil), [])
        case .empty:
            return (.skip(reason: "empty file", syntax: nil), [])
        case .other:
            return (.skip(reason: "not a format caselint reads", syntax: nil), [])
        }
    }
}
