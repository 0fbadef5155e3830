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

    public enum Value: Sendable {
        case string(String), int(Int), double(Double), bool(Bool), null
        case array([Value]), object(Object)

        /// The value as JSON text, with `indent` spaces per level (none: on one line).
        public func serialized(indent: Int? = nil) -> String {
            // Bytes, not `String` appends: a report of thousands of findings is written
            // after the run, on one thread, and appending to a `String` cost over a hundred
            // instructions a byte.
            var out: [UInt8] = []
            out.reserveCapacity(4096)
            write(to: &out, indent: indent, level: 0)
            return String(decoding: out, as: UTF8.self)
        }

        func write(to s: inout [UInt8], indent: Int?, level: Int) {
            switch self {
            case .string(let v): JSONWriter.escape(v, into: &s)
            case .int(let v): s.append(contentsOf: String(v).utf8)
            case .double(let v): s.append(contentsOf: (v.isFinite ? String(v) : "null").utf8)
            case .bool(let v): s.append(contentsOf: (v ? "true" : "false").utf8)
            case .null: s.append(contentsOf: "null".utf8)
            case .array(let items):
                if items.isEmpty { s.append(contentsOf: "[]".utf8); return }
                s.append(UInt8(ascii: "["))
                for (i, item) in items.enumerated() {
                    if i > 0 { s.append(UInt8(ascii: ",")) }
                    newline(&s, indent, level + 1)
                    item.write(to: &s, indent: indent, level: level + 1)
                }
                newline(&s, indent, level)
                s.append(UInt8(ascii: "]"))
            case .object(let o):
                if o.entries.isEmpty { s.append(contentsOf: "{}".utf8); return }
                s.append(UInt8(ascii: "{"))
                for (i, (k, v)) in o.entries.enumerated() {
                    if i > 0 { s.append(UInt8(ascii: ",")) }
                    newline(&s, indent, level + 1)
                    JSONWriter.escape(k, into: &s)
                    s.append(UInt8(ascii: ":"))
                    if indent != nil { s.append(UInt8(ascii: " ")) }
                    v.write(to: &s, indent: indent, level: level + 1)
                }
                newline(&s, indent, level)
                s.append(UInt8(ascii: "}"))
            }
        }

        private func newline(_ s: inout [UInt8], _ indent: Int?, _ level: Int) {
            guard let indent else { return }
            s.append(10)
            s.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
        }
    }

    static func escape(_ v: String, into s: inout [UInt8]) {
        s.append(UInt8(ascii: "\""))
        var text = v
        text.withUTF8 { bytes in
            // Runs that need no escaping are appended whole.
            var from = 0
            for (i, u) in bytes.enumerated() where u < 0x20 || u == UInt8(ascii: "\"") || u == UInt8(ascii: "\\") {
                s.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<i]))
                from = i + 1
                switch u {
                case UInt8(ascii: "\""): s.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): s.append(contentsOf: "\\\\".utf8)
                case 10: s.append(contentsOf: "\\n".utf8)
                case 13: s.append(contentsOf: "\\r".utf8)
                case 9: s.append(contentsOf: "\\t".utf8)
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    s.append(contentsOf: "\\u00".utf8)
                    s.append(hex[Int(u >> 4)])
                    s.append(hex[Int(u & 15)])
                }
            }
            s.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from...]))
        }
        s.append(UInt8(ascii: "\""))
    }
}
