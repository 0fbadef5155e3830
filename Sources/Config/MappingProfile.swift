import Check
import Map
import Model
import Read

/// A mapping profile: how one agency's export (CSV columns, JSON key paths, XML element
/// paths) lands on the interchange vocabulary, and how to recognise such a file by its
/// content. Written in YAML (docs/interchange.md, "Mapping profiles"); every mistake is a
/// `ConfigError` at the profile's file:line:column.
public struct MappingProfile: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case csv, json, xml
    }

    public let name: String
    public let path: String
    public let format: Format
    public let layout: RowLayout
    /// Declared encoding of a CSV file; nil: detected.
    public let encoding: TextEncoding?
    /// Declared CSV delimiter; nil: detected.
    public let delimiter: UInt8?
    /// Match rules: columns the CSV header must have, keys the first JSON record must
    /// have, the XML root element.
    public let header: [String]
    public let keys: [String]
    public let root: String?
    /// JSON: the key path of the records array (`data.incidents`); XML: the element path
    /// of a record from the root (`PoliceExport/Incidents/Incident`).
    public let records: [String]?
    /// Every source column the profile names, with where it names it.
    let columnRefs: [(name: String, line: Int, column: Int)]

    /// The columns a CSV header lacks, as errors at the profile lines that name them.
    public func missingColumns(in header: [String]) -> [ConfigError] {
        let present = Set(header)
        var errors: [ConfigError] = []
        for ref in columnRefs where !present.contains(ref.name) {
            let hint = Suggest.closest(ref.name, among: header).map { "; did you mean '\($0)'?" } ?? ""
            errors.append(ConfigError(path: path, line: ref.line, column: ref.column,
                                      message: "column '\(ref.name)' is not in the header of a file this profile matches\(hint)"))
        }
        return errors
    }
}

/// Reads mapping profiles.
public enum MappingProfileLoader {
    static let topKeys = ["profile", "agency", "format", "encoding", "delimiter", "match", "records", "record", "dates", "fields"]

    /// Loads the profile in `path`; nil and errors when it cannot be used.
    public static func load(path: String) -> (MappingProfile?, [ConfigError]) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return (nil, [ConfigError(path: path, line: 1, column: 1, message: "cannot read the mapping profile")])
        }
        return load(text: text, path: path)
    }

    public static func load(text: String, path: String) -> (MappingProfile?, [ConfigError]) {
        let reader = YAMLReader(path: path)
        guard let doc = reader.parse(text) else { return (nil, reader.problems) }
        var entries: [String: (key: YAMLValue, value: YAMLValue)] = [:]
        for e in reader.mapping(doc, allowed: topKeys, what: "a mapping profile") { entries[e.key] = (e.keyValue, e.value) }
        func missing(_ key: String, _ why: String) { reader.report("a mapping profile needs '\(key)': \(why)", at: doc) }

        let name = entries["profile"].flatMap { reader.string($0.value, what: "profile") } ?? ""
        if entries["profile"] == nil { missing("profile", "its name") }

        var agency = Agency("other")
        if let a = entries["agency"] {
            if let s = reader.choice(a.value, what: "agency", among: Vocabulary.agencies) { agency = Agency(s) }
        } else {
            missing("agency", "the agency whose export it maps (\(Vocabulary.agencies.joined(separator: ", ")))")
        }

        var format: MappingProfile.Format?
        if let f = entries["format"], let s = reader.choice(f.value, what: "format", among: MappingProfile.Format.allCases.map(\.rawValue)) {
            format = MappingProfile.Format(rawValue: s)
        }

        var encoding: TextEncoding?
        if let e = entries["encoding"], let s = reader.choice(e.value, what: "encoding", among: TextEncoding.allCases.map(\.rawValue)) {
            encoding = TextEncoding(rawValue: s)
        }

        var delimiter: UInt8?
        if let d = entries["delimiter"], let s = reader.string(d.value, what: "delimiter") {
            switch s {
            case ",": delimiter = UInt8(ascii: ",")
            case ";": delimiter = UInt8(ascii: ";")
            case "|": delimiter = UInt8(ascii: "|")
            case "\t", "tab": delimiter = 9
            default: reader.report("delimiter must be one of ',', ';', '|' or tab, not '\(s)'", at: d.value)
            }
        }

        // Match rules.
        var header: [String] = [], keys: [String] = [], root: String?
        if let m = entries["match"] {
            for e in reader.mapping(m.value, allowed: ["header", "keys", "root"], what: "match") {
                switch e.key {
                case "header": header = reader.strings(e.value, what: "match.header")
                case "keys": keys = reader.strings(e.value, what: "match.keys")
                default: root = reader.string(e.value, what: "match.root")
                }
            }
            if header.isEmpty && keys.isEmpty && root == nil {
                reader.report("match needs header columns (CSV), keys (JSON) or a root element (XML)", at: m.value)
            }
        } else {
            missing("match", "header columns, keys or a root element that recognise the files it maps")
        }
        let inferred: MappingProfile.Format = !header.isEmpty ? .csv : !keys.isEmpty ? .json : .xml
        if let format, format != inferred, let m = entries["match"] {
            reader.report("format is \(format.rawValue) but the match rules are for \(inferred.rawValue) (header: CSV, keys: JSON, root: XML)", at: m.value)
        }
        let chosen = format ?? inferred

        var records: [String]?
        if let r = entries["records"], let s = reader.string(r.value, what: "records") {
            records = chosen == .xml ? s.split(separator: "/").map(String.init) : s.split(separator: ".").map(String.init)
            if chosen == .csv { reader.report("records is for JSON and XML files; a CSV file's rows are its records", at: r.value) }
        }
        if chosen == .xml && records == nil {
            missing("records", "the element path of one record from the root, such as PoliceExport/Incidents/Incident")
        }

        var dates = DateFormat.iso
        if let d = entries["dates"], let s = reader.string(d.value, what: "dates") {
            do { dates = try DateFormat(pattern: s) } catch { reader.report(error.message, at: d.value) }
        }

        // The record type.
        var kindRule = RowLayout.KindRule.fixed(.identity)
        var refs: [(String, Int, Int)] = []
        var kindForFields: RecordKind?
        if let r = entries["record"] {
            if r.value.scalarText != nil {
                if let k = kind(r.value, reader) {
                    kindRule = .fixed(k)
                    kindForFields = k
                }
            } else {
                var column: String?
                var values: [String: String] = [:]
                for e in reader.mapping(r.value, allowed: ["column", "values"], what: "record") {
                    if e.key == "column" {
                        column = reader.string(e.value, what: "record.column")
                        if let column { refs.append((column, e.value.line, e.value.column)) }
                    } else {
                        for v in reader.mapping(e.value, what: "record.values") {
                            if let k = kind(v.value, reader) { values[v.key] = k.name }
                        }
                    }
                }
                if let column {
                    kindRule = .column(column, values: values.isEmpty ? nil : values)
                } else {
                    reader.report("record needs a column that names each row's record type", at: r.value)
                }
            }
        } else {
            missing("record", "the interchange record type of each row (\(recordKindNames.joined(separator: ", ")))")
        }

        // Fields.
        var columns: [String: [RowLayout.Column]] = [:]
        if let f = entries["fields"] {
            for e in reader.mapping(f.value, what: "fields") {
                guard let spec = Schema.field(named: e.key) else {
                    let hint = Suggest.closest(e.key, among: Schema.fields.map(\.key.name)).map { "; did you mean '\($0)'?" } ?? ""
                    reader.report("unknown target field '\(e.key)'\(hint); docs/interchange.md lists the fields", at: e.keyValue)
                    continue
                }
                if let k = kindForFields, !RowLayout.accepts(spec.key, in: k) {
                    let allowed = ((Schema.spec(k)?.fields ?? []) + Schema.childIdentifiers).map(\.name)
                    let hint = Suggest.closest(e.key, among: allowed).map { "; did you mean '\($0)'?" } ?? ""
                    reader.report("'\(e.key)' is not a field of a \(k.name) record\(hint) (its fields: \(allowed.joined(separator: ", ")))",
                                  at: e.keyValue)
                    continue
                }
                guard let (source, column, at) = fieldRule(e.value, spec: spec, reader) else { continue }
                refs.append((source, at.line, at.column))
                columns[source, default: []].append(column)
            }
        } else {
            missing("fields", "which column gives each interchange field")
        }
        if !reader.problems.isEmpty { return (nil, reader.problems) }

        let layout = RowLayout(title: "profile '\(name)'", agency: agency, kind: kindRule, columns: columns,
                               dateFormat: dates, reportsUnknownColumns: false)
        let profile = MappingProfile(name: name, path: path, format: chosen, layout: layout, encoding: encoding,
                                     delimiter: delimiter, header: header, keys: keys, root: root, records: records,
                                     columnRefs: chosen == .csv ? refs.map { ($0.0, $0.1, $0.2) } : [])
        return (profile, [])
    }

    static var recordKindNames: [String] { Schema.kinds.map(\.kind.name).filter { $0 != "header" } }

    private static func kind(_ value: YAMLValue, _ reader: YAMLReader) -> RecordKind? {
        guard let s = reader.string(value, what: "record") else { return nil }
        guard let spec = Schema.kind(named: s), spec.kind != .header else {
            let hint = Suggest.closest(s, among: recordKindNames).map { "; did you mean '\($0)'?" } ?? ""
            reader.report("unknown record type '\(s)'\(hint)", at: value)
            return nil
        }
        return spec.kind
    }

    /// `seenAlone: SEEN_ALONE` or `seenAlone: {column: SEEN_ALONE, values: {Y: true, N: false}, format: dd/MM/yyyy}`.
    private static func fieldRule(_ value: YAMLValue, spec: FieldSpec, _ reader: YAMLReader)
        -> (String, RowLayout.Column, (line: Int, column: Int))? {
        if let s = value.scalarText { return (s, RowLayout.Column(field: spec.key), (value.line, value.column)) }
        var source: (String, Int, Int)?
        var column = RowLayout.Column(field: spec.key)
        for e in reader.mapping(value, allowed: ["column", "values", "format"], what: "the mapping of \(spec.key.name)") {
            switch e.key {
            case "column":
                if let s = reader.string(e.value, what: "column") { source = (s, e.value.line, e.value.column) }
            case "format":
                guard let s = reader.string(e.value, what: "format") else { continue }
                guard spec.type == .date else {
                    reader.report("format applies to date fields; \(spec.key.name) is not a date", at: e.keyValue)
                    continue
                }
                do { column.dateFormat = try DateFormat(pattern: s) } catch { reader.report(error.message, at: e.value) }
            default:
                var map: [String: String] = [:]
                for v in reader.mapping(e.value, what: "values") {
                    guard let target = reader.string(v.value, what: "a value") else { continue }
                    if let problem = invalid(target, for: spec) {
                        reader.report(problem, at: v.value)
                        continue
                    }
                    map[v.key] = target
                }
                column.values = map
            }
        }
        guard let source else {
            reader.report("the mapping of \(spec.key.name) needs a column", at: value)
            return nil
        }
        return (source.0, column, (source.1, source.2))
    }

    /// Why a value-map target is not a value the field can hold, or nil.
    private static func invalid(_ target: String, for spec: FieldSpec) -> String? {
        switch spec.type {
        case .bool:
            return Field.parseBool(target) == nil ? "\(spec.key.name) is yes or no: map to true or false, not '\(target)'" : nil
        case .code:
            guard let codes = spec.codes, !codes.contains(target) else { return nil }
            let hint = Suggest.closest(target, among: codes).map { "did you mean '\($0)'? " } ?? ""
            return "'\(target)' is not a standard \(spec.key.name) code; \(hint)(codes: \(codes.joined(separator: ", ")))"
        case .integer:
            return Int(target) == nil ? "\(spec.key.name) is a whole number, not '\(target)'" : nil
        default:
            return nil
        }
    }
}

#if canImport(Foundation)
import Foundation
#endif
