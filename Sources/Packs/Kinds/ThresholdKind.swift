import Check
import Config
import Model

/// `threshold`: a share (`max-share: 2%`) or a number (`max-count: 10`) of the children
/// of the data drop that `count:` holds for, among those `of:` holds for (default: every
/// child). The conditions are about the child: bare fields are its first person record's,
/// `child.` fields its first of any source's. One finding for the drop, at the first
/// child counted, with a note at the next; it belongs to no child.
enum ThresholdKind {
    static let kind = Kind(name: "threshold", keys: ["count", "of", "max-share", "max-count"],
                           placeholders: ["count", "total", "share", "max"], compile: compile)

    enum Limit: Sendable {
        case share(slot: Int?, literal: Double)
        case count(slot: Int?, literal: Int)
    }

    static func compile(_ input: CaseInput) -> CompiledCase? {
        let names = input.names([.person])
        guard let cv = input.required("count", "a condition on the child: the children counted"),
              let count = input.predicate(cv, names) else { return nil }
        let (of, okOf) = input.optionalPredicate("of", names)
        guard okOf else { return nil }
        var limit: Limit?
        if let v = input.value("max-share") {
            limit = readLimit(v, input, share: true)
        } else if let v = input.value("max-count") {
            limit = readLimit(v, input, share: false)
        } else {
            input.reader.report("a threshold rule needs 'max-share' (a percentage, or $parameter) or 'max-count'", at: input.node)
        }
        guard let limit, let message = input.builder([.person], placeholders: kind.placeholders) else { return nil }
        return CompiledCase(check: .whole { Counter(count: count, of: of, limit: limit, message: message) }, fields: [], triggers: [])
    }

    private static func readLimit(_ v: YAMLValue, _ input: CaseInput, share: Bool) -> Limit? {
        guard let text = input.reader.string(v, what: share ? "max-share" : "max-count") else { return nil }
        if text.hasPrefix("$") {
            guard let p = input.parameter(String(text.dropFirst()), at: v) else { return nil }
            switch (p.kind, share) {
            case (.share, true): return .share(slot: p.slot, literal: 0)
            case (.integer, false): return .count(slot: p.slot, literal: 0)
            default:
                input.reader.report("\(share ? "max-share needs a share parameter (kind: share)" : "max-count needs an integer parameter"), and $\(p.name) is \(p.kind.summary)", at: v)
                return nil
            }
        }
        if share {
            guard case .success(.share(let p)) = ParameterKind.share.parse(.scalar(text)) else {
                input.reader.report("max-share must be a percentage such as '2%', not '\(text)'", at: v)
                return nil
            }
            return .share(slot: nil, literal: p)
        }
        guard let n = Int(text), n >= 0 else {
            input.reader.report("max-count must be a whole number, not '\(text)'", at: v)
            return nil
        }
        return .count(slot: nil, literal: n)
    }

    /// Counts children as they are linked, and reports once the drop has been seen.
    final class Counter: CaseCounter {
        let count: Pred
        let of: Pred?
        let limit: Limit
        let message: Message.Builder
        var total = 0
        var counted = 0
        var marks: [Mark] = []
        /// What the return shares, for the finding at the end (a `Run` borrows its child
        /// and must not outlive the call it was made for).
        var shared: RunShared?

        init(count: @escaping Pred, of: Pred?, limit: Limit, message: Message.Builder) {
            self.count = count
            self.of = of
            self.limit = limit
            self.message = message
        }

        func observe(_ run: inout Run, _ out: inout Findings) {
            let records = run.records
            guard let person = records.indices.first(where: { records[$0].parent < 0 && records[$0].kind == .person })
                    ?? records.indices.first(where: { records[$0].parent < 0 }) else { return }
            let env = run.env(person)
            // Called in place: `if let` would copy it, retaining its context.
            if of?(env) == false { return }
            total += 1
            guard count(env) else { return }
            counted += 1
            if marks.count < 2 { marks.append(out.mark(run.ref(person))) }
            if shared == nil { shared = run.shared.takeUnretainedValue() }
        }

        func finish(_ out: inout Findings) {
            guard total > 0, let kept = shared, let first = marks.first else { return }
            let common = Unmanaged.passUnretained(kept)  // held by `shared` throughout
            let share = 100 * Double(counted) / Double(total)
            var slots = Slots()
            slots["count"] = "\(counted)"
            slots["total"] = "\(total)"
            // A measured share reads to a tenth of a percent (33.3%), a limit as written.
            slots["share"] = "\(ParameterValue.percent((share * 10).rounded() / 10))"
            switch limit {
            case .share(let slot, let literal):
                var max = literal
                if let slot, case .share(let p) = common.param(slot) { max = p }
                guard share > max else { return }
                slots["max"] = "\(ParameterValue.percent(max))"
            case .count(let slot, let literal):
                var max = literal
                if let slot, case .integer(let n) = common.param(slot) { max = n }
                guard counted > max else { return }
                slots["max"] = "\(max)"
            }
            let notes = marks.dropFirst().map { out.note("the next child counted is here", at: $0) }
            out.reportReturn(message(slots, common, record: nil), at: first, notes: notes)
        }
    }
}
