import Foundation
import Check
import Checks
import Config
import Discover
import Dispatch
import Link
import Map
import Model
import Read
import Report
import Synchronization

/// Runs discover → read → map → link → check over the paths of a run.
public struct Linter: Sendable {
    public let options: LintOptions
    public let rules: [Rule]

    public init(options: LintOptions, catalogue: [Rule] = Catalogue.rules) {
        self.options = options
        let selection = RuleSelection(select: options.select, ignore: options.ignore)
        rules = (catalogue + options.packRules).filter { selection.includes($0.id) }.map { rule in
            options.severities[rule.id].map { rule.with(severity: $0) } ?? rule
        }
    }

    public func run() -> LintResult {
        let discovery = Discovery(paths: options.paths)
        var skipped: [SkippedFile] = []
        var found: [FoundFile] = []
        let cwd = FileManager.default.currentDirectoryPath
        for file in discovery.files {
            if !file.explicit, let filter = options.pathFilter,
               let why = filter.rejection(of: file.path, workingDirectory: cwd) {
                skipped.append(SkippedFile(path: file.path, reason: why))
            } else {
                found.append(file)
            }
        }
        var files: [SourceFile] = []
        for file in found { files.append(SourceFile(id: FileID(UInt32(files.count)), path: file.path)) }
        var diagnostics: [Diagnostic] = []
        var facts = [FileFacts](repeating: FileFacts(), count: found.count)
        for bad in discovery.unreadable {
            let id = FileID(UInt32(files.count))
            files.append(SourceFile(id: id, path: bad.path))
            facts.append(FileFacts(skipped: "cannot be read: \(bad.reason)"))
            diagnostics.append(Diagnostic(ruleID: "IO001", severity: .error,
                                          message: "cannot read \(bad.path): \(bad.reason)", location: .wholeFile(id)))
        }
        options.progress?.start(files: found.count)
        RunBoard.begin(found.map(\.path))

        // Profiles (given, then found beside the data), then what each file is.
        let (profiles, profileErrors) = loadProfiles(found)
        var configErrors = profileErrors
        var plans: [SourcePlan] = []
        for file in found {
            let (plan, errors) = SourcePlan.plan(file.sniffed, profiles: profiles)
            plans.append(plan)
            configErrors += errors
        }
        if !configErrors.isEmpty {
            var result = LintResult(files: files, diagnostics: [], filesChecked: 0, children: 0, skipped: skipped,
                                    unreadable: discovery.unreadable.count, rules: rules, facts: facts,
                                    requestedRuleset: options.ruleset?.name)
            result.configErrors = configErrors
            return result
        }

        // A run with one source checks linked rules on each child as it streams and
        // links nothing (unless linked rules need a row source's scattered rows joined);
        // a run of several sources links them, keeping each fragment's identifiers, and
        // the fragments themselves only when linked rules will run.
        let sources = plans.filter(\.isSource)
        let linkedRules = rules.filter { $0.scope == .linked }
        let linkedWanted = !linkedRules.isEmpty || options.linkedChildren != nil
        var collect = SourceChecker.Collect()
        if sources.count == 1 && (sources[0].holdsWholeChildren || !linkedWanted) {
            collect.linkedInline = true
            collect.observe = options.linkedChildren
        } else if !sources.isEmpty {
            collect.identities = true
            collect.fragments = linkedWanted
            collect.budget = FragmentBudget(bytes: options.fragmentMemory)
            if linkedWanted { Allocator.expectGrowth() }
            // One row source: its linked rules run as it streams, if each child turns out to
            // be one fragment (no census return in such a run: the context has no period).
            if sources.count == 1 && !linkedRules.isEmpty && options.linkedChildren == nil && options.guessLinking {
                collect.guess = InlineLinking(checker: ReturnChecker(rules: linkedRules, context: linkedContext(census: nil, families: plans.map(\.family))))
            }
        }

        // Files are independent: check them side by side. Their results are taken in file
        // order as soon as each is ready, and their fragments linked then, while later
        // files are still being read.
        let plansFound = plans, collectFound = collect, foundFiles = found
        let outcomes = ResultSlots<FileOutcome>(count: found.count)
        let ready = found.indices.map { _ in DispatchSemaphore(value: 0) }
        let jobs = max(1, options.jobs)
        // One thread per job, each taking the next file in order: threads of their own, so
        // that how many files are read at once does not depend on how a pool grows.
        let readers = Workers(count: min(jobs, max(1, found.count)), name: "caselint.files", yields: false)
        for (i, file) in foundFiles.enumerated() {
            readers.run { [self] in
                // Files read side by side keep the cores busy between them; only the last
                // few, which may end up read alone, check their children on other threads
                // too (handing children across cores costs a tenth more work).
                let workers = foundFiles.count - i > jobs ? 1 : jobs
                outcomes.put(self.check(file, id: FileID(UInt32(i)), plan: plansFound[i], collect: collectFound, workers: workers), at: i)
                self.options.progress?.fileDone(bytes: Linter.size(of: file.path))
                RunBoard.finished(i)
                ready[i].signal()
            }
        }
        readers.stop()

        var checked = 0, children = 0, unreadable = discovery.unreadable.count
        var links = LinkBuilder()
        var inputs: [LinkInput] = []
        var census: CensusPeriod?
        var families: [SourceFamily?] = []
        var guessed: [Diagnostic]?
        /// Each file's identities among `links.fragments`.
        var identityRanges: [(file: Int, range: Range<Int>)] = []
        for i in found.indices {
            ready[i].wait()
            guard let outcome = outcomes.take(i) else { families.append(nil); continue }
            diagnostics.append(contentsOf: outcome.diagnostics)
            if let reason = outcome.skipped {
                if !outcome.isProfile { skipped.append(SkippedFile(path: outcome.path, reason: reason)) }
            } else {
                checked += 1
            }
            children += outcome.children
            if outcome.unreadable { unreadable += 1 }
            let offset = links.fragments.count
            if collect.identities {
                links.add(outcome.identities, keysDistinct: outcome.keysDistinct)
                identityRanges.append((i, offset..<links.fragments.count))
            }
            if collect.fragments && !outcome.fragmentIdentity.isEmpty {
                var input = LinkInput(fragments: outcome.fragments, identities: outcome.fragmentIdentity.map { offset + Int($0) })
                if outcome.fragmentsDropped {
                    let file = found[i], plan = plans[i], id = FileID(UInt32(i))
                    input.reread = LinkInput.Reread(file: id, path: file.path) { sink in
                        _ = try self.map(file.path, plan: plan, id: id, into: sink)
                    }
                }
                inputs.append(input)
            }
            // Linked rules see the latest census period among the run's returns: the data
            // drop covers up to its reference date (the end of the data for rules that
            // look for what should have followed).
            if let c = outcome.census, census.map({ $0.referenceDate < c.referenceDate }) ?? true { census = c }
            families.append(outcome.family)
            if let g = outcome.guessed { guessed = g }
            facts[i] = FileFacts(format: outcome.skipped == nil && !outcome.unreadable ? outcome.format : nil,
                                 ruleset: outcome.ruleset, children: outcome.children,
                                 skipped: outcome.unreadable ? "cannot be read" : outcome.skipped)
        }
        // What linking kept, freed with the children (below).
        var linked: (Linkage, LinkBuilder)?
        if collect.identities {
            let linkage = links.finish()
            defer { linked = (linkage, links); links = LinkBuilder() }
            let identities = links.fragments
            diagnostics += linkage.diagnostics
            // Children are the linked groups that some source describes (records that
            // could not be linked to one are reported, not counted).
            let anyPerson = identities.contains { $0.describesPerson }
            var counted = [Bool](repeating: false, count: linkage.childCount)
            for i in identities.indices where anyPerson ? identities[i].describesPerson : !identities[i].keys.isEmpty {
                counted[Int(linkage.childOf[i])] = true
            }
            children = counted.count { $0 }
            Linter.countLinkedChildren(identityRanges, linkage, into: &facts)
            if let guessed, linkage.childCount == identities.count {
                // Each child was one fragment, already checked as the linked stage would.
                diagnostics += guessed
            } else if collect.fragments {
                let stage = LinkedStage(linkage: linkage,
                                        checker: ReturnChecker(rules: linkedRules, context: linkedContext(census: census, families: families)),
                                        jobs: max(1, options.jobs), linkedChildren: options.linkedChildren)
                diagnostics += stage.run(inputs)
            }
        }
        let active = Set(rules.map(\.id))
        let severity = Dictionary(rules.map { ($0.id, $0.severity) }, uniquingKeysWith: { a, _ in a })
        diagnostics.removeAll { !active.contains($0.ruleID) && $0.ruleID != "IO001" }
        // Reader findings are made before rules are consulted: give them the configured severity.
        for i in diagnostics.indices {
            if let s = severity[diagnostics[i].ruleID], s != diagnostics[i].severity { diagnostics[i].severity = s }
        }
        diagnostics.sort(by: Diagnostic.reportOrder)
        Fingerprint.assign(&diagnostics) { files[Int($0.rawValue)].path }
        // A run's children (hundreds of thousands in a large drop) and their identities
        // are freed on another thread while the report is written.
        let held = Handover((inputs.map(\.fragments), linked))
        inputs = []
        linked = nil
        DispatchQueue.global().async { _ = held.take() }
        return LintResult(files: files, diagnostics: diagnostics, filesChecked: checked, children: children,
                          skipped: skipped, unreadable: unreadable, rules: rules, facts: facts,
                          requestedRuleset: options.ruleset?.name)
    }

    /// The context linked rules run in: the run's latest census period, every file's kind.
    private func linkedContext(census: CensusPeriod?, families: [SourceFamily?]) -> CheckContext {
        CheckContext(file: FileID(0), census: census, ruleset: options.ruleset ?? .latest, header: nil,
                     parameters: options.parameters, families: families)
    }

    /// Each file's children once linked: the children its identities belong to. A reader
    /// hands on runs of rows about one child, so a child whose rows are apart in a file, or
    /// who is named there by different identifiers, was counted once per run of rows.
    static func countLinkedChildren(_ ranges: [(file: Int, range: Range<Int>)], _ linkage: Linkage, into facts: inout [FileFacts]) {
        // The last file that counted each child.
        var counter = [Int32](repeating: -1, count: linkage.childCount)
        for (file, range) in ranges where facts[file].skipped == nil {
            var n = 0
            for i in range {
                let child = Int(linkage.childOf[i])
                if counter[child] != Int32(file) {
                    counter[child] = Int32(file)
                    n += 1
                }
            }
            facts[file].children = n
        }
    }

    /// A file's size in bytes (0 when it cannot be read), for the progress line's MB/s.
    static func size(of path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }

    /// The profiles of the run: those given (`--profile`, configuration), then those
    /// found among the files walked, each loaded once.
    private func loadProfiles(_ found: [FoundFile]) -> ([MappingProfile], [ConfigError]) {
        var paths: [String] = []
        for p in options.profiles + found.filter({ $0.sniffed == .profile }).map(\.path) where !paths.contains(p) {
            paths.append(p)
        }
        var profiles: [MappingProfile] = []
        var errors: [ConfigError] = []
        for path in paths {
            let (profile, problems) = MappingProfileLoader.load(path: path)
            if let profile { profiles.append(profile) }
            errors += problems
        }
        return (profiles, errors)
    }

    struct FileOutcome: Sendable {
        let path: String
        var diagnostics: [Diagnostic] = []
        var children = 0
        var skipped: String?
        var isProfile = false
        var unreadable = false
        var identities = ChunkedList<FragmentIdentity>()
        /// No two of `identities` share an identifier (`IdentityCollector.keysDistinct`).
        var keysDistinct = false
        /// For each fragment kept, the index of its identity in `identities`.
        var fragmentIdentity: [Int32] = []
        var fragments: [Child] = []
        /// The fragments did not fit the run's `fragmentMemory`: read the file again for them.
        var fragmentsDropped = false
        /// What the file was read as (its source family), and the CIN ruleset it was checked with.
        var format: String?
        var ruleset: String?
        /// A census return's period.
        var census: CensusPeriod?
        /// What the file was read as.
        var family: SourceFamily?
        /// Its linked findings, when they were guessed and the guess held (`InlineLinking`).
        var guessed: [Diagnostic]?
    }

    /// Reads, maps and checks one file on its own (no profiles, nothing kept for linking).
    func check(_ file: FoundFile, id: FileID) -> FileOutcome {
        check(file, id: id, plan: SourcePlan.plan(file.sniffed, profiles: []).0, collect: SourceChecker.Collect())
    }

    /// Reads, maps and checks one file.
    func check(_ file: FoundFile, id: FileID, plan: SourcePlan, collect: SourceChecker.Collect, workers: Int = 1) -> FileOutcome {
        var outcome = FileOutcome(path: file.path)
        if case .skip(let reason, let syntax) = plan {
            outcome.skipped = reason
            outcome.isProfile = file.sniffed == .profile
            let problems = checkSyntax(file.path, syntax, id: id)
            outcome.diagnostics = problems
            if problems.isEmpty && file.explicit && !outcome.isProfile {
                let why = syntax == nil && reason != "empty file" ? "not a format caselint reads (XML, CSV or JSON exports)" : reason
                outcome.diagnostics.append(notAnExport(id, reason == "empty file" ? "the file is empty" : "\(why), not an export caselint recognises"))
            }
            return outcome
        }
        guard let family = plan.family else { preconditionFailure("every plan but skip has a family") }
        let limits = options.limits
        let sink = SourceChecker(file: id, family: family, rules: rules, ruleset: options.ruleset, collect: collect, limits: limits,
                                 parameters: options.parameters, workers: workers)
        outcome.format = family.name
        // Findings the reader makes about a file belong to the file's agency.
        let agency = Linter.agency(of: plan)
        // Read to the end: rules over the whole return need every child.
        var complete = true
        do {
            complete = try map(file.path, plan: plan, id: id, into: sink)
        } catch {
            outcome.unreadable = true
            complete = false
            sink.diagnostic(Diagnostic(ruleID: "IO001", severity: .error,
                                       message: "cannot read \(file.path): \(Linter.describe(error))", location: .wholeFile(id)))
        }
        sink.finish(complete: complete)
        outcome.ruleset = family == .cinCensus ? sink.ruleset?.name : nil
        outcome.census = family == .cinCensus ? sink.census : nil
        outcome.family = family
        let fileAgency = agency == "unknown" ? nil : agency
        outcome.diagnostics = sink.diagnostics.map { d in
            var d = d
            if d.agency == nil { d.agency = fileAgency }
            return d
        }
        outcome.children = sink.children
        outcome.identities = sink.identities.identities
        outcome.keysDistinct = sink.identities.keysDistinct
        outcome.fragmentIdentity = sink.identities.fragmentIdentity
        outcome.fragments = sink.fragments
        outcome.fragmentsDropped = sink.fragmentsDropped
        outcome.guessed = sink.guessedFindings
        return outcome
    }

    /// Reads a file and maps it into `sink`, as its plan says. False when the read stopped
    /// early (malformed XML, reported to the sink).
    func map(_ path: String, plan: SourcePlan, id: FileID, into sink: RecordSink) throws -> Bool {
        let limits = options.limits
        switch plan {
        case .cinCensus, .ssda903XML:
            let layout: XMLLayout = if case .cinCensus = plan { .cinCensus } else { SSDA903.xml }
            let mapper = XMLMapper(layout: layout, file: id, sink: sink, limits: limits)
            if let problem = try XMLReader.read(path: path, handler: mapper, limits: limits) {
                sink.diagnostic(Linter.malformed(problem, file: id))
                return false
            }
            mapper.finish()
        case .csv(let layout, _, let delimiter, let encoding):
            let mapper = RowMapper(layout: layout, file: id, sink: sink)
            let rows = CSVRows(mapper: mapper, consumer: mappingThread(for: path, mapper), file: id)
            // Also when the reading fails part way: the rows read so far are mapped, and
            // a mapping thread ends before the mapper is used again.
            defer { rows.finish() }
            try ByteSource.file(path) { try CSVReader.read($0, delimiter: delimiter, encoding: encoding, handler: rows, limits: limits) }
        case .json(let layout, _, let records):
            let mapper = RowMapper(layout: layout, file: id, sink: sink)
            let rows = JSONRows(mapper: mapper, consumer: mappingThread(for: path, mapper), file: id)
            defer { rows.finish() }
            try ByteSource.file(path) { try JSONReader.read($0, records: records, handler: rows, limits: limits) }
        case .xmlRows(let layout, _, let recordPath, let kindFromName):
            let rows = XMLRows(layout: layout, recordPath: recordPath, kindFromName: kindFromName, file: id, sink: sink, limits: limits)
            defer { rows.finish() }
            if let problem = try XMLReader.read(path: path, handler: rows, limits: limits) {
                sink.diagnostic(Linter.malformed(problem, file: id))
                return false
            }
        case .skip:
            break
        }
        return true
    }

    /// A thread to map a large row source's rows on while it is read, when the run may
    /// use more than one: below `mappingThreadBytes` a thread costs more than it saves.
    private func mappingThread(for path: String, _ mapper: RowMapper) -> MappingThread? {
        guard options.jobs > 1, Linter.size(of: path) >= options.mappingThreadBytes else { return nil }
        return MappingThread(mapper: mapper)
    }

    /// The agency a file's own findings belong to.
    static func agency(of plan: SourcePlan) -> String? {
        switch plan {
        case .cinCensus, .ssda903XML: Agency.socialCare.name
        case .csv(let layout, _, _, _), .json(let layout, _, _), .xmlRows(let layout, _, _, _): layout.agency.name
        case .skip: nil
        }
    }

    /// The syntax errors of a file that is not mapped: reported whether or not it is checked.
    private func checkSyntax(_ path: String, _ syntax: SourcePlan.SyntaxCheck?, id: FileID) -> [Diagnostic] {
        let collector = SyntaxOnly(file: id)
        switch syntax {
        case .xml?:
            if let problem = try? XMLReader.read(path: path, handler: NullHandler(), limits: options.limits) {
                collector.diagnostics.append(Linter.malformed(problem, file: id))
            }
        case .csv(let delimiter)?:
            try? ByteSource.file(path) { try CSVReader.read($0, delimiter: delimiter, encoding: nil, handler: collector, limits: options.limits) }
        case .json(let records)?:
            try? ByteSource.file(path) { try JSONReader.read($0, records: records, handler: collector, limits: options.limits) }
        case nil:
            break
        }
        return collector.diagnostics
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

/// Collects the syntax problems of a CSV or JSON file that is read but not mapped.
final class SyntaxOnly: CSVHandler, JSONHandler {
    let file: FileID
    var diagnostics: [Diagnostic] = []
    init(file: FileID) { self.file = file }
    func record(_ record: CSVRecord) {}
    func problem(_ problem: CSVProblem) { diagnostics.append(CSVRows.diagnostic(problem, file: file)) }
    func record(_ node: JSONNode) -> Bool { true }
    func problem(_ problem: JSONProblem) { diagnostics.append(JSONRows.diagnostic(problem, file: file)) }
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
    func put(_ value: T, at i: Int) { slots.withLock { $0[i] = value } }
    /// Moves the value out of slot `i`, leaving it empty.
    func take(_ i: Int) -> T? { slots.withLock { $0[i].take() } }
}
