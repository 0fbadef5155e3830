import Synchronization

/// An interned name (an element, column or key name from a source, an agency, a code list
/// entry). Comparing symbols is comparing integers; the text is looked up only to print.
public struct Symbol: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32

    /// Interns `name`, returning the same symbol for the same text on every thread.
    public init(_ name: String) { rawValue = SymbolTable.shared.intern(name) }

    /// A symbol by its number (for caches that need a placeholder).
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public init(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        rawValue = SymbolTable.shared.intern(String(decoding: bytes, as: UTF8.self))
    }

    public var name: String { SymbolTable.shared.name(of: rawValue) }
    public var description: String { name }
    public static func < (a: Symbol, b: Symbol) -> Bool { a.name < b.name }
}

/// Process-wide, append-only table behind `Symbol`.
final class SymbolTable: Sendable {
    static let shared = SymbolTable()

    private struct State {
        var ids: [String: UInt32] = [:]
        var names: [String] = []
    }
    private let state = Mutex(State())

    func intern(_ name: String) -> UInt32 {
        state.withLock { s in
            if let id = s.ids[name] { return id }
            let id = UInt32(s.names.count)
            s.names.append(name)
            s.ids[name] = id
            return id
        }
    }

    func name(of id: UInt32) -> String {
        state.withLock { $0.names[Int(id)] }
    }
}
