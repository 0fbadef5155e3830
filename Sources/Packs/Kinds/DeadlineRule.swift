import Check
import Model

/// A compiled `deadline` rule (see `DeadlineKind`).
struct DeadlineRule: Sendable {
    let trigger: DeadlineKind.Trigger
    let targets: [DeadlineKind.Target]
    let before: Bool
    /// `report`: an absent B is a finding; `after-deadline`: only once the deadline has
    /// passed by the end of the data; `ignore`: only a late B is.
    let missing: String
    let message: Message.Builder
    /// The kinds of the records a B may be (none when every B is a field).
    private let recordKinds: [RecordKind]

    init(trigger: DeadlineKind.Trigger, targets: [DeadlineKind.Target], before: Bool, missing: String, message: Message.Builder) {
        self.trigger = trigger
        self.targets = targets
        self.before = before
        self.missing = missing
        self.message = message
        var kinds: [RecordKind] = []
        for case .record(let s) in targets { kinds += s.kinds }
        recordKinds = kinds
    }

    /// A B found: its date, where it is (read in place, copied out for a finding), and
    /// whether it is a field of the trigger itself.
    private struct Found {
        let at: DatedAt
        let ownField: Bool
        var day: Day { at.day }
    }

    func check(_ run: inout Run, _ out: inout Findings) {
        let within = trigger.within.value(run)
        // Each record target's candidates, listed when first needed (none is, when every
        // B is a field: then nothing is allocated per child).
        var lists: [[Candidate]?] = []
        // (A record target names at least one kind.)
        let dedupe = !recordKinds.isEmpty
        var judged = JudgedDays()
        trigger.selection.each(run) { i in
            let env = run.env(i)
            guard let a = trigger.from.first(env) else { return }
            if dedupe, !judged.isNew(a.day) { return }
            let deadline = run.shared.withCalendar { before ? within.start(before: a.day, calendar: $0) : within.end(from: a.day, calendar: $0) }
            var found: Found?
            search: for (t, target) in targets.enumerated() {
                switch target {
                case .field(let fields):
                    if let b = fields.first(env) {
                        found = Found(at: b, ownField: b.record.index == i)
                        break search
                    }
                case .record(let source):
                    if lists.isEmpty { lists = Array(repeating: nil, count: targets.count) }
                    if lists[t] == nil { lists[t] = source.candidates(run) }
                    if let c = nearest(lists[t]!, source, from: a.day, trigger: i, run) {
                        let r = run.ref(c.index)
                        let field = r.fieldIndex(source.date(of: r.kind)!)!
                        found = Found(at: DatedAt(day: c.day, record: r, field: field), ownField: false)
                        break search
                    }
                }
            }
            let lapse = trigger.until?.first(env)
            if let b = found {
                if before ? b.day >= deadline : b.day <= deadline { return }
                if !before, let lapse, lapse.day < deadline, b.day > lapse.day { return }
            } else {
                if missing == "ignore" { return }
                if !before, let lapse, lapse.day < deadline { return }
                if !recordKinds.isEmpty, !trigger.absenceAlways, !run.judgesAbsence(of: recordKinds) { return }
                if missing == "after-deadline", !before {
                    guard let end = run.endOfData(), deadline <= end else { return }
                }
            }
            report(a.dated, found, deadline, within, i, run, &out)
        }
    }

    /// The first B on or after the trigger's date (`before`: the last on or before it).
    private func nearest(_ list: [Candidate], _ source: RecordSource, from day: Day, trigger: Int, _ run: Run) -> Candidate? {
        if before {
            var k = list.firstIndex(onOrAfter: day + 1) - 1
            while k >= 0 {
                if source.accepts(list[k], outer: trigger, run) { return list[k] }
                k -= 1
            }
            return nil
        }
        var k = list.firstIndex(onOrAfter: day)
        while k < list.count {
            if source.accepts(list[k], outer: trigger, run) { return list[k] }
            k += 1
        }
        return nil
    }

    private func report(_ a: Dated, _ found: Found?, _ deadline: Day, _ within: Interval, _ i: Int, _ run: Run, _ out: inout Findings) {
        let record = run.ref(i)
        let b = found?.at.dated
        var slots = Slots()
        slots["from"] = Slots.day(a.day, personal: a.personal)
        slots["to"] = Slots.day(b?.day, personal: b?.personal ?? false)
        slots["deadline"] = Slots.day(deadline, personal: a.personal)
        slots["within"] = "\(within)"
        slots["from-field"] = "\(a.field.source.name)"
        slots["to-field"] = "\(b?.field.source.name ?? targetNames)"
        slots["record"] = "\(record.kind.name)"
        if let b {
            let span = run.shared.withCalendar { before ? within.elapsed(from: b.day, to: a.day, calendar: $0) : within.elapsed(from: a.day, to: b.day, calendar: $0) }
            slots["elapsed"] = "\(span)"
            let message = message(slots, run, record: record)
            if found?.ownField == true {
                let note = out.note("\(a.field.source.name) is \(Slots.day(a.day, personal: a.personal)) here", at: a.field, of: a.record)
                out.report(message, at: b.field, of: b.record, notes: [note])
            } else {
                let when = before ? "before" : "after"
                let what = b.record.record.parent < 0 ? b.field.source.name : b.record.kind.name
                let note = out.note("the nearest \(what) recorded\(by(b.record)) is on \(Slots.day(b.day, personal: b.personal)), \(span) \(when)",
                                    at: b.field, of: b.record)
                out.report(message, at: a.field, of: a.record, notes: [note])
            }
            return
        }
        slots["elapsed"] = "none"
        let message = message(slots, run, record: record)
        if recordKinds.isEmpty {
            out.report(message, at: record, missing: targetNames)
        } else {
            out.report(message, at: a.field, of: a.record)
        }
    }

    private var targetNames: String {
        targets.map { target in
            switch target {
            case .field(let d): d.spelled
            case .record(let s): s.spelled
            }
        }.joined(separator: " or ")
    }
}
