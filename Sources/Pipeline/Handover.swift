/// A value passed to another thread, which takes it out: the box then holds no reference,
/// so whatever the taking thread drops is freed there. (A closure that only captured the
/// value could finish first and leave the last reference, and the freeing, to the sender.)
final class Handover<Value>: @unchecked Sendable {
    private var value: Value?
    init(_ value: Value) { self.value = value }

    /// The value, which the box no longer holds. Call once, on the receiving thread.
    func take() -> Value? {
        defer { value = nil }
        return value
    }
}
