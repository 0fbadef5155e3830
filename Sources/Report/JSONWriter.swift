import Model

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
            var out = Stream(indent: indent)
            out.value(self)
            return out.text
        }
    }

    /// Writes JSON as it goes, in the layout `Value.serialized` gives (which is written
    /// through it): a report of thousands of findings is written straight to bytes, with no
    /// tree of values made and copied first. Bytes, not `String` appends: appending to a
    /// `String` cost over a hundred instructions a byte.
    public struct Stream {
        let bytes: ByteBuffer
        let indent: Int?
        private var level = 0
        /// Whether the open object or array has no member yet.
        private var empty = false

        public init(indent: Int?, capacity: Int = 4096) {
            self.indent = indent
            bytes = ByteBuffer(capacity: capacity)
        }

        public var text: String { bytes.text }

        /// Writes `body` as an object's members (`key` then a value, for each).
        public mutating func object(_ body: (inout Stream) -> Void) {
            open(UInt8(ascii: "{"))
            body(&self)
            close(UInt8(ascii: "}"))
        }

        /// Writes `body` as an array's elements (`element` then a value, for each).
        public mutating func array(_ body: (inout Stream) -> Void) {
            open(UInt8(ascii: "["))
            body(&self)
            close(UInt8(ascii: "]"))
        }

        /// Starts a member whose name is written in the source (plain ASCII: no escaping).
        public mutating func key(_ name: StaticString) {
            separate()
            bytes.append(UInt8(ascii: "\""))
            bytes.append(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            bytes.append(UInt8(ascii: "\""))
            colon()
        }

        /// Starts a member of the open object whose name is made at run time.
        mutating func key(escaping name: String) {
            separate()
            JSONWriter.escape(name, into: bytes)
            colon()
        }

        /// Starts an element of the open array.
        public mutating func element() { separate() }

        /// Ends a line of JSON Lines (one value per line, outside any object or array).
        public mutating func endLine() { bytes.append(10) }

        public mutating func string(_ v: String) { JSONWriter.escape(v, into: bytes) }
        public mutating func string(_ v: String?) { if let v { string(v) } else { null() } }
        public mutating func int(_ v: Int) { raw(String(v)) }
        public mutating func null() { raw("null") }

        public mutating func value(_ v: Value) {
            switch v {
            case .string(let v): string(v)
            case .int(let v): int(v)
            case .double(let v): raw(v.isFinite ? String(v) : "null")
            case .bool(let v): raw(v ? "true" : "false")
            case .null: null()
            case .array(let items):
                array { out in
                    for item in items {
                        out.element()
                        out.value(item)
                    }
                }
            case .object(let o):
                object { out in
                    for (k, v) in o.entries {
                        out.key(escaping: k)
                        out.value(v)
                    }
                }
            }
        }

        /// Text that needs no escaping (numbers, literals).
        private mutating func raw(_ text: String) {
            var text = text
            text.withUTF8 { bytes.append($0) }
        }

        private mutating func colon() {
            bytes.append(UInt8(ascii: ":"))
            if indent != nil { bytes.append(UInt8(ascii: " ")) }
        }

        private mutating func open(_ bracket: UInt8) {
            bytes.append(bracket)
            level += 1
            empty = true
        }

        private mutating func close(_ bracket: UInt8) {
            level -= 1
            if !empty { newline() }
            bytes.append(bracket)
            empty = false
        }

        private mutating func separate() {
            if !empty { bytes.append(UInt8(ascii: ",")) }
            empty = false
            newline()
        }

        private mutating func newline() {
            guard let indent else { return }
            bytes.append(10)
            bytes.append(UInt8(ascii: " "), count: indent * level)
        }
    }

    static func escape(_ v: String, into s: ByteBuffer) {
        s.append(UInt8(ascii: "\""))
        var text = v
        text.withUTF8 { bytes in
            // Runs that need no escaping are appended whole, found eight bytes at a time.
            var from = 0
            var i = 0
            while i < bytes.count {
                if i + 8 <= bytes.count && !needsEscape(UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)) {
                    i += 8
                    continue
                }
                let u = bytes[i]
                i += 1
                if u >= 0x20 && u != UInt8(ascii: "\"") && u != UInt8(ascii: "\\") { continue }
                s.append(UnsafeBufferPointer(rebasing: bytes[from..<i - 1]))
                from = i
                s.append(UInt8(ascii: "\\"))
                switch u {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): s.append(u)
                case 10: s.append(UInt8(ascii: "n"))
                case 13: s.append(UInt8(ascii: "r"))
                case 9: s.append(UInt8(ascii: "t"))
                default:
                    s.append(UInt8(ascii: "u"))
                    s.append(UInt8(ascii: "0"))
                    s.append(UInt8(ascii: "0"))
                    s.append(hexDigit(u >> 4))
                    s.append(hexDigit(u & 15))
                }
            }
            s.append(UnsafeBufferPointer(rebasing: bytes[from...]))
        }
        s.append(UInt8(ascii: "\""))
    }

    /// Whether any of eight bytes is below 0x20, a quote or a backslash (the classic test
    /// for a zero byte, on the bytes and on their differences from `"` and `\`).
    @inline(__always)
    static func needsEscape(_ x: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ y: UInt64) -> Bool { (y &- ones) & ~y & highs != 0 }
        // Below 0x20: the byte minus 0x20 borrows. Bytes of 0x80 and above set their high
        // bit and are ruled out by `~x`.
        let control = (x &- 0x2020_2020_2020_2020) & ~x & highs != 0
        return control || hasZero(x ^ 0x2222_2222_2222_2222) || hasZero(x ^ 0x5C5C_5C5C_5C5C_5C5C)
    }

    private static func hexDigit(_ n: UInt8) -> UInt8 { n < 10 ? 48 + n : 87 + n }
}
