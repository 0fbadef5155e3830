import Model

/// Where a mapper delivers what it builds, as it builds it (so a file is never held whole).
public protocol RecordSink: AnyObject {
    /// The return's header (CIN census `Header`), before any child when the file is in order.
    func header(_ header: Child)
    func child(_ child: Child)
    /// A problem found while reading or mapping (malformed XML, unknown element, bad date).
    func diagnostic(_ diagnostic: Diagnostic)
}
