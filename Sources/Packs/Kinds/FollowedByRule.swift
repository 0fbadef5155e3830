import Check
import Model

/// A compiled `followed-by` rule (see `DeadlineKind`): each trigger needs a record of
/// `then` dated from the trigger's date to the deadline — one for each code of `each`
/// when given. A trigger is judged once the deadline has passed by the end of the data,
/// and not at all when it lapsed first (`until:`: the plan ended before a review was due).
/// The same event recorded twice (a plan in the census and in another agency's file)
/// is judged once.
struct FollowedByRule: Sendable {
    let trigger: DeadlineKind.Trigger
    let then: RecordSource
    let each: (field: FieldAccess, codes: ListRef)?
    let message: Message.Builder

    func check(_ run: inout Run, _ out: inout Findings) {
        let within = trigger.within.value(run)
        var list: [Candidate]?
        var codes: [String]?
        var judged = JudgedDays()
        trigger.selection.each(run) { i in
            let env = run.env(i)
            guard let a = trigger.from.first(env) else { return }
            if !judged.isNew(a.day) { return }
            let deadline = run.shared.withCalendar { within.end(from: a.day, calendar: $0) }
            if let lapse = trigger.until?.first(env), lapse.day < deadline { return }
            guard let end = run.endOfData(), deadline <= end else { return }
            // Where absence says nothing (a return checked alone), nothing is reported:
            // asked before the window is searched.
            if !trigger.absenceAlways, !run.judgesAbsence(of: then.kinds) { return }
            if list == nil { list = then.candidates(run) }
            let candidates = list!
            let start = candidates.firstIndex(onOrAfter: a.day)
            func inWindow(_ test: (Candidate) -> Bool) -> Bool {
                var k = start
                while k < candidates.count, candidates[k].day <= deadline {
                    if then.accepts(candidates[k], outer: i, run), test(candidates[k]) { return true }
                    k += 1
                }
                return false
            }
            var missing: [String] = []
            if let each {
                if codes == nil { codes = each.codes.value(run) }
                for code in codes! where !inWindow({ c in each.field.any(run.env(c.index, outer: i)) { $0 == code } }) {
                    missing.append(code)
                }
                if missing.isEmpty { return }
            } else if inWindow({ _ in true }) {
                return
            }
            report(a.dated, missing, deadline, within, i, candidates, run, &out)
        }
    }

    private func report(_ a: Dated, _ missing: [String], _ deadline: Day, _ within: Interval, _ i: Int,
                        _ candidates: [Candidate], _ run: Run, _ out: inout Findings) {
        let record = run.ref(i)
        var slots = Slots()
        slots["from"] = Slots.day(a.day, personal: a.personal)
        slots["deadline"] = Slots.day(deadline, personal: a.personal)
        slots["within"] = "\(within)"
        slots["missing"] = "\(inWords(missing))"
        slots["from-field"] = "\(a.field.source.name)"
        slots["then"] = "\(then.spelled)"
        slots["record"] = "\(record.kind.name)"
        // Notes at the nearest records outside the window, one for each code missing.
        var notes: [Note] = []
        let groups: [String?] = missing.isEmpty ? [nil] : missing.map { $0 }
        for code in groups {
            let matches: (Candidate) -> Bool = { c in
                guard self.then.accepts(c, outer: i, run) else { return false }
                guard let code, let each = self.each else { return true }
                return each.field.any(run.env(c.index, outer: i)) { $0 == code }
            }
            let after = candidates.first { $0.day > deadline && matches($0) }
            let earlier = candidates.last { $0.day < a.day && matches($0) }
            guard let c = after ?? earlier else { continue }
            let r = run.ref(c.index)
            let field = r[then.date(of: r.kind)!]!
            let to = code.map { " for \($0)" } ?? ""
            let span = run.shared.withCalendar { calendar in
                c.day > a.day ? within.elapsed(from: a.day, to: c.day, calendar: calendar) + " after"
                    : within.elapsed(from: c.day, to: a.day, calendar: calendar) + " before"
            }
            notes.append(out.note("the nearest \(r.kind.name)\(to) recorded\(by(r)) is on \(c.day), \(span)", at: field, of: r))
        }
        out.report(message(slots, run, record: record), at: a.field, of: a.record, notes: notes)
    }
}
