#if canImport(Glibc)
import Glibc
#endif

/// Runs a fuzz entry point on files (a crash reproducer, a corpus folder's files), so a
/// fuzz target also builds and runs without libFuzzer: `FuzzXML crash-1234 corpus/a.xml`.
public enum Replay {
    public static func main(_ fuzz: (UnsafePointer<UInt8>?, Int) -> CInt) {
        let paths = CommandLine.arguments.dropFirst()
        if paths.isEmpty {
            print("usage: \(CommandLine.arguments[0]) FILE...  (built without libFuzzer: replays inputs)")
            return
        }
        for path in paths {
            guard let bytes = readFile(path) else {
                print("cannot read \(path)")
                continue
            }
            _ = bytes.withUnsafeBufferPointer { fuzz($0.baseAddress, $0.count) }
            print("ok \(path)")
        }
    }

    public static func readFile(_ path: String) -> [UInt8]? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n <= 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }
}
