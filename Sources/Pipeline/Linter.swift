import Check
import Checks
import Discover
import Dispatch
import Map
import Model
import Read
import Report
import Synchronization

/// Runs discover → read → map → check over the paths of a run.
public struct Linter: Sendable {
    public let options: LintOptions
    public let rules: [Rule]

    public init(options: LintOptions, catalogue: [Rule] = Catalogue.rules) {
        self.options = options
        let selection = RuleSelection(select: options.select, ignore: options.ignore)
        rules = catalogue.filter { selection.includes($0.id) }
    }

    public func run() -> LintResult {
        let discovery = Discovery(paths: options.paths)
        var files: [SourceFile] = []
        for found in discovery.files { files.append(SourceFile(id: FileID(UInt32(files.count)), path: found.path)) }
        var diagnostics: [Diagnostic] = []
        for bad in discovery.unreadable {
            let id = FileID(UInt32(files.count))
            files.append(SourceFile(id: id, path: bad.path))
            diagnostics.append(Diagnostic(ruleID: "IO001", severity: .error,
                                          message: "cannot read \(bad.path): \(bad.reason)", location: .wholeFile(id)))
        }

        // Files are independent: check them side by side, keep results in file order.
        let found = discovery.files
        let outcomes = ResultSlots<FileOutcome>(count: found.count)
        let queue = DispatchQueue(label: "caselint.files", attributes: .concurrent)
        let group = DispatchGroup()
        let limit = DispatchSemaphore(value: max(1, options.jobs))
        for (i, file) in found.enumerated() {
            limit.wait()
            queue.async(group: group) {
                outcomes[i] = self.check(file, id: FileID(UInt32(i)))
                limit.signal()
            }
        }
        group.wait()

        var skipped: [SkippedFile] = []
        var checked = 0, children = 0, unreadable = discovery.unreadable.count
        for outcome in outcomes.values {
            guard let outcome else { continue }
            diagnostics.append(contentsOf: outcome.diagnostics)
            if let reason = outcome.skipped { skipped.append(SkippedFile(path: outcome.path, reason: reason)) } else { checked += 1 }
            children += outcome.children
            if outcome.unreadable { unreadable += 1 }
        }
        let active = Set(rules.map(\.id))
        diagnostics = diagnostics.filter { active.contains($0.ruleID) || $0.ruleID == "IO001" }
        diagnostics.sort(by: Diagnostic.reportOrder)
        return LintResult(files: files, diagnostics: diagnostics, filesChecked: checked, children: children,
                          skipped: skipped, unreadable: unreadable, rules: rules)
    }

    struct FileOutcome: Sendable {
        let path: String
        var diagnostics: [Diagnostic] = []
        var children = 0
        var skipped: String?
        var unreadable = false
    }

    /// Reads, maps and checks one file.
    func check(_ file: FoundFile, id: FileID) -> FileOutcome {
        var outcome = FileOutcome(path: file.path)
        switch file.sniffed {
        case .xml(let root) where root == XMLLayout.cinCensus.root.name.name:
            let census = CensusFile(file: id, rules: rules, ruleset: options.ruleset, limits: options.limits)
            let mapper = XMLMapper(layout: .cinCensus, file: id, sink: census, limits: options.limits)
            var complete = false
            do {
                if let problem = try XMLReader.read(path: file.path, handler: mapper, limits: options.limits) {
                    census.diagnostic(Linter.malformed(problem, file: id))
                } else {
                    mapper.finish()
                    complete = true
                }
            } catch {
                outcome.unreadable = true
                census.diagnostic(Diagnostic(ruleID: "IO001", severity: .error,
                                             message: "cannot read \(file.path): \(Linter.describe(error))", location: .wholeFile(id)))
            }
            census.finish(complete: complete)
            outcome.diagnostics = census.diagnostics
            outcome.children = census.children
        case .xml(let root):
            // Not an export we know; still report it if it is not even well-formed XML.
            let what = root.map { "XML with root element <\($0)>" } ?? "XML of an unknown kind"
            outcome.skipped = what
            if let problem = try? XMLReader.read(path: file.path, handler: NullHandler(), limits: options.limits) {
                outcome.diagnostics.append(Linter.malformed(problem, file: id))
            } else if file.explicit {
                outcome.diagnostics.append(notAnExport(id, "\(what), not an export caselint recognises"))
            }
        case .empty:
            outcome.skipped = "empty file"
            if file.explicit { outcome.diagnostics.append(notAnExport(id, "the file is empty")) }
        case .other:
            outcome.skipped = "not a format caselint reads"
            if file.explicit { outcome.diagnostics.append(notAnExport(id, "not a format caselint reads (XML census returns)")) }
        }
        return outcome
    }

    private func notAnExport(_ id: FileID, _ why: String) -> Diagnostic {
        Diagnostic(ruleID: "IO002", severity: .warning, message: "\(why); it is not checked", location: .wholeFile(id))
    }

    static func malformed(_ problem: XMLProblem, file: FileID) -> Diagnostic {
        Diagnostic(ruleID: problem.rule, severity: .error,
                   message: problem.rule == "XML001" ? "malformed XML: \(problem.message)" : "\(problem.message)",
                   location: SourceLocation(file: file, line: problem.position.line, column: problem.position.column))
    }

    static func describe(_ error: any Error) -> String {
        switch error as? ReadError {
        case .cannotOpen(_, let reason)?, .cannotRead(_, let reason)?: return reason
        case nil: return "\(error)"
        }
    }
}

/// Parses without mapping, to learn whether a file is well-formed.
final class NullHandler: XMLEventHandler {
    func startElement(_ name: Symbol, at: TextPosition, content: TextPosition) {}
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
    func endElement(_ name: Symbol, after: TextPosition) {}
}

/// Per-index result slots filled by concurrent workers.
final class ResultSlots<T: Sendable>: Sendable {
    private let slots: Mutex<[T?]>
    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }
    var values: [T?] { slots.withLock { $0 } }
    subscript(i: Int) -> T? {
        get { slots.withLock { $0[i] } }
        set { slots.withLock { $0[i] = newValue } }
    }
}
