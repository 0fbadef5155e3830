import Check
import Foundation
import Model
import Pipeline

/// The linked children of a run and the context linked rules saw, kept by a rule that
/// does nothing else (linked rules run one child at a time, in order).
final class Keeper: @unchecked Sendable {
    var children: [Child] = []
    var context: CheckContext?
}

/// CPU seconds of the calling thread.
func threadSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Times each rule alone on the run's linked children, outside the pipeline: the same
/// children, context and engine (`ReturnChecker`) as a run, one thread, no reading. The
/// children are linked once; each rule, pack then Swift, runs over all of them `runs` times.
func perRuleTimes(folder: String, jobs: Int, runs: Int, pack: [Rule], swift: [Rule], profile: String? = nil) {
    let keeper = Keeper()
    let keep = Rule(id: "BENCH001", name: "bench-keep", category: .consistency, severity: .warning, message: "keeps children",
                    rationale: "", source: "", scope: .linked, check: .child { child, out in
                        keeper.children.append(child)
                        if keeper.context == nil { keeper.context = out.context }
                    })
    var options = LintOptions(paths: [folder])
    options.jobs = jobs
    _ = Linter(options: options, catalogue: [keep]).run()
    guard let context = keeper.context else { print("no linked children"); return }
    let children = keeper.children
    if let profile {
        // For valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*profiledRun*'.
        let n = profiledRun(children, ReturnChecker(rules: profile == "pack" ? pack : swift, context: context))
        print("\(profile): \(n) findings")
        return
    }
    print("per rule, outside the pipeline: \(children.count) linked children, \(children.map(\.records.count).reduce(0, +)) records; CPU s of one thread, median of \(runs)")

    func time(_ rules: [Rule]) -> (seconds: Double, findings: Int) {
        var times: [Double] = []
        var n = 0
        for _ in 0..<runs {
            let checker = ReturnChecker(rules: rules, context: context)
            let t0 = threadSeconds()
            n = 0
            for c in children {
                n += checker.check(c).count
                n += checker.observe(c).count
            }
            n += checker.finish().count
            times.append(threadSeconds() - t0)
        }
        return (median(times), n)
    }

    print("rule     kind         pack s   Swift s  pack/Swift  findings")
    var totalPack = 0.0, totalSwift = 0.0
    for s in swift {
        let p = pack.first { $0.id == s.id }!
        let (tp, np) = time([p]), (ts, ns) = time([s])
        totalPack += tp
        totalSwift += ts
        let kind = (kinds[s.id] ?? "").padding(toLength: 11, withPad: " ", startingAt: 0)
        print(String(format: "%@  %@ %7.3f  %7.3f  %10.2f  %d%@", s.id, kind, tp, ts, tp / ts, np, np == ns ? "" : " (Swift \(ns))"))
    }
    print(String(format: "sum of the 20         %7.3f  %7.3f  %10.2f", totalPack, totalSwift, totalPack / totalSwift))
    let (tp, _) = time(pack), (ts, _) = time(swift)
    print(String(format: "all 20 together       %7.3f  %7.3f  %10.2f", tp, ts, tp / ts))
}

/// The pack kind of each rule.
let kinds: [String: String] = [
    "SUF001": "required", "SUF003": "required", "SUF004": "required", "SUF005": "required", "SUF007": "required",
    "PRC013": "required", "HND001": "deadline", "HND002": "deadline", "HND007": "deadline", "PRC001": "deadline",
    "HND003": "attendance", "HND004": "followed-by", "PRC006": "followed-by", "PRC007": "interval", "PRC010": "interval",
    "CON003": "order", "CON001": "agreement", "CON006": "pattern", "CON008": "code-list", "CON009": "threshold",
]

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// All of one catalogue's rules over the children once, alone in a function for profiling.
@inline(never)
func profiledRun(_ children: [Child], _ checker: ReturnChecker) -> Int {
    var n = 0
    for c in children {
        n += checker.check(c).count
        n += checker.observe(c).count
    }
    return n + checker.finish().count
}
