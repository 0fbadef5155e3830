import FuzzSupport
import Model
import Read

/// Touches every field of every record, as the row mapper does.
final class CSVSink: CSVHandler {
    func record(_ record: CSVRecord) {
        for i in 0..<record.count {
            _ = record.string(i)
            _ = record.position(i)
            _ = record.valuePosition(i)
        }
    }
    func problem(_ problem: CSVProblem) {}
}

/// libFuzzer entry: the CSV reader on the input, delivered in small chunks, with the
/// delimiter it would detect and with tight limits.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var limits = Limits()
    limits.maxValueBytes = 4096
    limits.maxColumns = 64
    let (source, bytes) = chunkedSource(data, size)
    let delimiter = bytes.withUnsafeBufferPointer { CSVReader.detectDelimiter($0) } ?? UInt8(ascii: ",")
    try? CSVReader.read(source, delimiter: delimiter, encoding: nil, handler: CSVSink(), limits: limits)
    return 0
}

#if !FUZZING
@main enum Main {
    static func main() { Replay.main(fuzzCSV) }
}
#endif
