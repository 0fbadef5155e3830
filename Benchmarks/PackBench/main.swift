// Times the built-in rule pack against the same rules written in Swift, through the real
// pipeline: `caselint-packbench [--runs N] [--jobs N] FOLDER` (scripts/bench-packs).
//
// Each run is `Linter(options:catalogue:).run()` on the folder, with one of four catalogues:
//   none   no rules: discover, read, map, link identifiers
//   link   one linked rule that does nothing: also keeps every fragment and merges each
//          linked child, as any linked rule makes the run do
//   pack   20 rules of the built-in pack (BuiltInPack.rules)
//   swift  the same 20 rules written in Swift (SwiftRules.swift)
// The catalogues take turns, run after run, so a busy spell on the machine falls on all of
// them. Times are CPU seconds of the process (user + system, every thread) and wall
// seconds; the figures are medians. The pack's and Swift's findings must be the same
// (rule, file, line, column, child): any difference is printed and the exit status is 1.
import Check
import Checks
import Discover
import Foundation
import Model
import Pipeline
import Report

func fail(_ message: String) -> Never {
    FileHandle.standardError.write((message + "\n").data(using: .utf8)!)
    exit(2)
}

var runs = 5
var jobs = System.coreCount
var perRuleOnly = false
var profile: String?
var folder: String?
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
    switch a {
    case "--runs": runs = args.popFirst().flatMap { Int($0) } ?? 0
    case "--jobs": jobs = args.popFirst().flatMap { Int($0) } ?? 0
    case "--per-rule": perRuleOnly = true
    case "--profile": profile = args.popFirst()
    default: if folder == nil, !a.hasPrefix("-") { folder = a } else { fail("unknown argument \(a)") }
    }
}
guard let folder, runs >= 1, jobs >= 1 else { fail("usage: caselint-packbench [--runs N] [--jobs N] [--per-rule | --profile pack|swift] FOLDER") }

// The catalogues. Compiling the pack is load time, not run time: it happens here.
let ids = Set(SwiftRules.ids)
let packRules = BuiltInPack.rules.filter { ids.contains($0.id) }
let swiftRules = SwiftRules.all
guard packRules.count == 20, swiftRules.count == 20, Set(swiftRules.map(\.id)) == ids else {
    fail("expected the same 20 rule ids in the pack and in Swift; the pack has \(packRules.map(\.id).sorted())")
}
for s in swiftRules {
    let p = packRules.first { $0.id == s.id }!
    guard s.scope == .linked, p.scope == .linked else { fail("\(s.id) is not a linked rule") }
    guard p.parameters.map(\.name) == s.parameters.map(\.name),
          p.parameters.map(\.defaultParsed) == s.parameters.map(\.defaultParsed) else {
        fail("\(s.id): the Swift rule's parameters differ from the pack's")
    }
}
if perRuleOnly || profile != nil {
    perRuleTimes(folder: folder, jobs: jobs, runs: runs, pack: packRules, swift: swiftRules, profile: profile)
    exit(0)
}

let noop = Rule(id: "BENCH000", name: "bench-no-op", category: .consistency, severity: .warning, message: "does nothing",
                rationale: "", source: "", scope: .linked, check: .child { _, _ in })
let catalogues: [(name: String, rules: [Rule])] = [("none", []), ("link", [noop]), ("pack", packRules), ("swift", swiftRules)]

/// CPU seconds of the process so far: user and system time of every thread.
func cpuSeconds() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
}

func wallSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func lint(_ rules: [Rule], _ folder: String, jobs: Int) -> (result: LintResult, cpu: Double, wall: Double) {
    var options = LintOptions(paths: [folder])
    options.jobs = jobs
    let linter = Linter(options: options, catalogue: rules)
    let (c0, w0) = (cpuSeconds(), wallSeconds())
    let result = linter.run()
    return (result, cpuSeconds() - c0, wallSeconds() - w0)
}


/// A finding as the comparison sees it.
struct Key: Hashable, Comparable {
    let rule: String
    let file: String
    let line: Int
    let column: Int
    let child: String
    static func < (a: Key, b: Key) -> Bool {
        (a.rule, a.file, a.line, a.column, a.child) < (b.rule, b.file, b.line, b.column, b.child)
    }
    var description: String { "\(rule) \(file):\(line):\(column) child \(child)" }
}

func findings(_ result: LintResult, _ ids: Set<String>) -> [Key: [String]] {
    var out: [Key: [String]] = [:]
    for d in result.diagnostics where ids.contains(d.ruleID) {
        let key = Key(rule: d.ruleID, file: result.files[Int(d.location.file.rawValue)].path, line: Int(d.location.line),
                      column: Int(d.location.column), child: d.childID ?? "")
        out[key, default: []].append(d.message.redacted)
    }
    return out
}

// What is read.
let files = Discovery(paths: [folder]).files
var bytes = 0
for f in files { bytes += Int((try? FileManager.default.attributesOfItem(atPath: f.path)[.size] as? Int) ?? 0) }

// A first run of each reads the files into the page cache and warms every lazy static.
print("warming up …")
var first: [String: LintResult] = [:]
for c in catalogues { first[c.name] = lint(c.rules, folder, jobs: jobs).result }
let children = first["none"]!.children
print(String(format: "folder: %@: %d files, %.0f MB, %d children; %d jobs; %d runs of each, in turn",
             folder, files.count, Double(bytes) / 1e6, children, jobs, runs))

var cpu: [String: [Double]] = [:], wall: [String: [Double]] = [:]
for run in 1...runs {
    var line = "run \(run):"
    for c in catalogues {
        let (result, t, w) = lint(c.rules, folder, jobs: jobs)
        guard result.diagnostics.count == first[c.name]!.diagnostics.count else { fail("\(c.name): findings changed between runs") }
        cpu[c.name, default: []].append(t)
        wall[c.name, default: []].append(w)
        line += String(format: "  %@ %.2f s CPU %.2f s wall", c.name, t, w)
    }
    print(line)
}

let cpuMedian = cpu.mapValues(median), wallMedian = wall.mapValues(median)
print("")
print("catalogue  rules  CPU s (median)  wall s (median)  CPU cost over none  CPU cost over link")
for c in catalogues {
    let overNone = cpuMedian[c.name]! - cpuMedian["none"]!, overLink = cpuMedian[c.name]! - cpuMedian["link"]!
    print(String(format: "%-9@  %5d  %14.2f  %15.2f  %18.2f  %18.2f", c.name, c.rules.count, cpuMedian[c.name]!, wallMedian[c.name]!,
                 overNone, overLink))
}
let packCost = cpuMedian["pack"]! - cpuMedian["link"]!, swiftCost = cpuMedian["swift"]! - cpuMedian["link"]!
let packAll = cpuMedian["pack"]! - cpuMedian["none"]!, swiftAll = cpuMedian["swift"]! - cpuMedian["none"]!
print(String(format: "rule cost over none (rules + keeping and merging fragments): pack %.2f s, Swift %.2f s, pack/Swift %.2f",
             packAll, swiftAll, swiftAll > 0 ? packAll / swiftAll : .nan))
print(String(format: "rule cost over link (the rules alone):                       pack %.2f s, Swift %.2f s, pack/Swift %.2f",
             packCost, swiftCost, swiftCost > 0 ? packCost / swiftCost : .nan))
print(String(format: "pack/Swift, whole run: CPU %.3f, wall %.3f", cpuMedian["pack"]! / cpuMedian["swift"]!, wallMedian["pack"]! / wallMedian["swift"]!))

// Same findings?
let pack = findings(first["pack"]!, ids), swift = findings(first["swift"]!, ids)
var onlyPack: [Key] = [], onlySwift: [Key] = []
var messages = 0
for (key, m) in pack {
    let s = swift[key] ?? []
    if s.count < m.count { onlyPack += Array(repeating: key, count: m.count - s.count) }
    if m.sorted() != s.sorted() {
        messages += 1
        if messages <= 3 { print("message differs at \(key.rule) \(key.file):\(key.line):\(key.column): pack \(m.sorted()) / Swift \(s.sorted())") }
    }
}
for (key, s) in swift {
    let m = pack[key] ?? []
    if m.count < s.count { onlySwift += Array(repeating: key, count: s.count - m.count) }
}
var perRule: [String: Int] = [:]
for (key, m) in pack { perRule[key.rule, default: 0] += m.count }
let total = perRule.values.reduce(0, +)
print("")
print("findings: pack \(total), Swift \(swift.values.map { $0.count }.reduce(0, +)); per rule: "
      + SwiftRules.ids.map { "\($0) \(perRule[$0] ?? 0)" }.joined(separator: ", "))
if onlyPack.isEmpty && onlySwift.isEmpty {
    print("the pack and Swift give the same findings (rule, file, line, column, child)"
          + (messages == 0 ? ", with the same messages" : "; \(messages) places differ in message wording"))
    exit(0)
}
print("the pack and Swift give different findings: \(onlyPack.count) only from the pack, \(onlySwift.count) only from Swift")
for k in onlyPack.sorted().prefix(40) { print("  pack only:  \(k.description)") }
for k in onlySwift.sorted().prefix(40) { print("  Swift only: \(k.description)") }
exit(1)
