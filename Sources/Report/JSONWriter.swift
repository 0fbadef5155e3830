/// A small JSON writer with stable key order (insertion order), for deterministic output.
public enum JSONWriter {
    public struct Object: Sendable {
        public private(set) var entries: [(String, Value)] = []
        public init() {}
        public subscript(key: String) -> Value? {
            get { entries.first { $0.0 == key }?.1 }
            set {
                if let i = entries.firstIndex(where: { $0.0 == key }) {
                    if let newValue { entries[i].1 = newValue } else { entries.remove(at: i) }
                } else if let newValue {
                    entries.append((key, newValue))
                }
            }
        }
    }

    public indirect enum Value: Sendable {
        case string(String), int(Int), double(Double), bool(Bool), null
        case array([Value]), object(Object)

        public func serialized(indent: Int? = nil) -> String {
            var s = ""
            write(to: &s, indent: indent, level: 0)
            return s
        }

        func write(to s: inout String, indent: Int?, level: Int) {
            switch self {
            case .string(let v): JSONWriter.escape(v, into: &s)
            case .int(let v): s += String(v)
            case .double(let v): s += v.isFinite ? String(v) : "null"
            case .bool(let v): s += v ? "true" : "false"
            case .null: s += "null"
            case .array(let items):
                if items.isEmpty { s += "[]"; return }
                s += "["
                for (i, item) in items.enumerated() {
                    if i > 0 { s += "," }
                    newline(&s, indent, level + 1)
                    item.write(to: &s, indent: indent, level: level + 1)
                }
                newline(&s, indent, level)
                s += "]"
            case .object(let o):
                if o.entries.isEmpty { s += "{}"; return }
                s += "{"
                for (i, (k, v)) in o.entries.enumerated() {
                    if i > 0 { s += "," }
                    newline(&s, indent, level + 1)
                    JSONWriter.escape(k, into: &s)
                    s += indent == nil ? ":" : ": "
                    v.write(to: &s, indent: indent, level: level + 1)
                }
                newline(&s, indent, level)
                s += "}"
            }
        }

        private func newline(_ s: inout String, _ indent: Int?, _ level: Int) {
            guard let indent else { return }
            s += "\n" + String(repeating: " ", count: indent * level)
        }
    }

    static func escape(_ v: String, into s: inout String) {
        // Most values need no escaping: append them whole.
        if !v.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            s += "\""
            s += v
            s += "\""
            return
        }
        s += "\""
        for u in v.unicodeScalars {
            switch u {
            case "\"": s += "\\\""
            case "\\": s += "\\\\"
            case "\n": s += "\\n"
            case "\r": s += "\\r"
            case "\t": s += "\\t"
            case _ where u.value < 0x20:
                let hex = String(u.value, radix: 16)
                s += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: s.unicodeScalars.append(u)
            }
        }
        s += "\""
    }
}
