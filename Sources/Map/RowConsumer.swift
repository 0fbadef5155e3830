import Model

/// Where a row source (CSV, JSON) hands its rows and its own findings, in file order: the
/// `RowMapper` itself, or a stage that maps them on another thread while the source reads
/// on (`Pipeline.MappingThread`). Findings travel with the rows so they keep their order.
public protocol RowConsumer: AnyObject {
    func map(_ row: Row)
    func diagnostic(_ diagnostic: Diagnostic)
    /// The source ended: map what is left and hand the last fragment on.
    func finish()
}
