// Times one reader over one file, single-threaded: `caselint-bench csv|json|csv-map|json-map PATH`,
// or a mapping profile's read and map: `caselint-bench profile PROFILE.yml PATH`.
// Prints the CPU seconds spent (one thread) and what was read. Used by scripts/bench-readers
// and scripts/bench.
import Config
import Foundation
import Map
import Model
import Read

final class CountFields: CSVHandler {
    var fields = 0
    var bytes = 0
    func record(_ record: CSVRecord) {
        fields += record.count
        for i in 0..<record.count { bytes &+= record.bytes(i).count }
    }
    func problem(_ problem: CSVProblem) {}
}

final class CountRecords: JSONHandler {
    var records = 0
    func record(_ node: JSONNode) -> Bool {
        records += 1
        return true
    }
    func problem(_ problem: JSONProblem) {}
}

final class CountChildren: RecordSink {
    var children = 0
    var records = 0
    var diagnostics = 0
    func header(_ header: Child) {}
    func child(_ child: Child) {
        children += 1
        records += child.records.count
    }
    func diagnostic(_ diagnostic: Diagnostic) { diagnostics += 1 }
}

let args = CommandLine.arguments
guard args.count == 3 || (args.count == 4 && args[1] == "profile") else {
    FileHandle.standardError.write("usage: caselint-bench csv|json|csv-map|json-map PATH | profile PROFILE PATH\n".data(using: .utf8)!)
    exit(2)
}
let (mode, path) = (args[1], args.last!)
var profile: MappingProfile?
if mode == "profile" {
    let (loaded, errors) = MappingProfileLoader.load(path: args[2])
    guard let loaded, errors.isEmpty else {
        FileHandle.standardError.write("cannot load profile \(args[2]): \(errors)\n".data(using: .utf8)!)
        exit(2)
    }
    profile = loaded
}
/// CPU time of this process: on a shared machine, wall time also counts other processes.
func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}
let start = cpuSeconds()
var summary = ""
switch mode {
case "csv":
    let h = CountFields()
    try ByteSource.file(path) { try CSVReader.read($0, delimiter: UInt8(ascii: ","), encoding: .utf8, handler: h) }
    summary = "\(h.fields)-fields"
case "json":
    let h = CountRecords()
    try ByteSource.file(path) { try JSONReader.read($0, records: .member(["records"]), handler: h) }
    summary = "\(h.records)-records"
case "csv-map":
    let sink = CountChildren()
    let rows = CSVRows(layout: .interchange, file: FileID(0), sink: sink)
    try ByteSource.file(path) { try CSVReader.read($0, delimiter: UInt8(ascii: ","), encoding: .utf8, handler: rows) }
    rows.finish()
    summary = "\(sink.records)-records,\(sink.diagnostics)-diagnostics"
case "json-map":
    let sink = CountChildren()
    let rows = JSONRows(layout: .interchange, file: FileID(0), sink: sink)
    try ByteSource.file(path) { try JSONReader.read($0, records: .member(["records"]), handler: rows) }
    rows.finish()
    summary = "\(sink.records)-records,\(sink.diagnostics)-diagnostics"
case "profile":
    let p = profile!
    let sink = CountChildren()
    switch p.format {
    case .csv:
        let rows = CSVRows(layout: p.layout, file: FileID(0), sink: sink)
        try ByteSource.file(path) { try CSVReader.read($0, delimiter: p.delimiter ?? UInt8(ascii: ","), encoding: p.encoding, handler: rows) }
        rows.finish()
    case .json:
        let rows = JSONRows(layout: p.layout, file: FileID(0), sink: sink)
        try ByteSource.file(path) { try JSONReader.read($0, records: .member(p.records ?? ["records"]), handler: rows) }
        rows.finish()
    default:
        FileHandle.standardError.write("profile format \(p.format) is not timed here\n".data(using: .utf8)!)
        exit(2)
    }
    summary = "\(sink.children)-fragments,\(sink.records)-records,\(sink.diagnostics)-diagnostics"
default:
    FileHandle.standardError.write("unknown mode \(mode)\n".data(using: .utf8)!)
    exit(2)
}
let seconds = cpuSeconds() - start
print(String(format: "%.4f", seconds), summary)
