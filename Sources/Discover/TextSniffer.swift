import Read

/// Says whether a text file is JSON, CSV or a mapping profile, from its first bytes.
enum TextSniffer {
    static func sniff(_ bytes: [UInt8], jsonLines: Bool, complete: Bool) -> Sniffed {
        var i = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        while i < bytes.count, [32, 9, 10, 13].contains(bytes[i]) { i += 1 }
        guard i < bytes.count else { return .empty }
        if bytes.contains(0) { return .other }
        if bytes[i] == UInt8(ascii: "{") || bytes[i] == UInt8(ascii: "[") {
            return json(bytes, array: bytes[i] == UInt8(ascii: "["), lines: jsonLines)
        }
        if isProfile(bytes) { return .profile }
        return csv(bytes, complete: complete)
    }

    /// A mapping profile: YAML whose first key (after comments and `---`) is `profile:`.
    private static func isProfile(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        for line in text.split(whereSeparator: \.isNewline) {
            let t = line.drop { $0 == " " || $0 == "\t" }
            if t.isEmpty || t.hasPrefix("#") || t == "---" { continue }
            return t.hasPrefix("profile:")
        }
        return false
    }

    private static func csv(_ bytes: [UInt8], complete: Bool) -> Sniffed {
        let delimiter = bytes.withUnsafeBufferPointer { CSVReader.detectDelimiter($0) }
        guard let delimiter else { return .other }
        let header = HeaderCollector()
        try? CSVReader.read(.memory(bytes), delimiter: delimiter, encoding: nil, handler: header)
        guard let names = header.names, names.count > 1 else { return .other }
        return .csv(header: names, delimiter: delimiter)
    }

    private final class HeaderCollector: CSVHandler {
        var names: [String]?
        func record(_ record: CSVRecord) {
            if names == nil { names = (0..<record.count).map { record.string($0).trimmingCharacters(in: " \t") } }
        }
        func problem(_ problem: CSVProblem) {}
    }

    /// Where a JSON file's records are: a top-level array; one object per line; or the
    /// first array-valued member of a top-level object.
    private static func json(_ bytes: [UInt8], array: Bool, lines: Bool) -> Sniffed {
        if array {
            return .json(records: .array, keys: firstKeys(bytes, .array).keys)
        }
        let asLines = firstKeys(bytes, .lines)
        if lines || asLines.count >= 2 { return .json(records: .lines, keys: asLines.keys) }
        let wrapped = firstKeys(bytes, .member([]))
        if wrapped.count == 0 && asLines.count == 1 { return .json(records: .lines, keys: asLines.keys) }
        return .json(records: .member([]), keys: wrapped.keys)
    }

    private static func firstKeys(_ bytes: [UInt8], _ records: JSONRecords) -> (keys: [String], count: Int) {
        let collector = KeyCollector()
        try? JSONReader.read(.memory(bytes), records: records, handler: collector)
        return (collector.keys, collector.count)
    }

    private final class KeyCollector: JSONHandler {
        var keys: [String] = []
        var count = 0
        func record(_ node: JSONNode) -> Bool {
            count += 1
            if count == 1, case .object(let members) = node.value { keys = flatKeys(members, prefix: "") }
            return count < 2
        }
        func problem(_ problem: JSONProblem) {}

        private func flatKeys(_ members: [JSONMember], prefix: String) -> [String] {
            members.flatMap { m -> [String] in
                let path = prefix.isEmpty ? m.key : prefix + "." + m.key
                if case .object(let inner) = m.value.value { return [path] + flatKeys(inner, prefix: path) }
                return [path]
            }
        }
    }
}
