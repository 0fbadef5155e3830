import Model

/// Where a row source (CSV, JSON) hands its rows and its own findings, a batch at a time
/// in file order: the `RowMapper` itself, or a stage that maps them on another thread
/// while the source reads on (`Pipeline.MappingThread`). Findings travel with the rows
/// so they keep their order.
public protocol RowConsumer: AnyObject {
    /// Maps `batch`, or takes it to map later and leaves in its place one it has finished
    /// with. Either way the caller then empties the batch it holds and fills it again:
    /// the rows' strings are freed on the thread that made them.
    func map(_ batch: inout RowBatch)
    /// The source ended: map what is left and hand the last fragment on.
    func finish()
}
