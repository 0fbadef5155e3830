import Check
import Model

/// A compiled `interval` rule (see `IntervalKind`).
struct IntervalRule: Sendable {
    let events: RecordSource
    let during: IntervalKind.During?
    let every: IntervalRef
    let fromStart: Bool
    let toEnd: Bool
    let absenceAlways: Bool
    let message: Message.Builder

    /// One stretch of time the condition holds: episodes that overlap, merged. Its dates
    /// are read in place; a field is copied out only for a finding.
    private struct Period {
        let start: DatedAt
        /// The recorded end, if the episode has ended.
        var end: DatedAt?
        var openEnded: Bool
    }

    func check(_ run: inout Run, _ out: inout Findings) {
        var periods = self.periods(run)
        if during != nil && periods.isEmpty { return }
        if !absenceAlways, !run.judgesAbsence(of: events.kinds) { return }
        guard let dataEnd = run.endOfData() else { return }
        let list = events.candidates(run)
        if during == nil {
            // No condition: from the first event to the end of the data.
            guard let first = list.first else { return }
            let r = run.ref(first.index)
            let f = r.fieldIndex(events.date(of: r.kind)!)!
            periods = [Period(start: DatedAt(day: first.day, record: r, field: f), end: nil, openEnded: true)]
        }
        let span = every.value(run)
        for period in periods where period.start.day <= dataEnd {
            let stop = period.end.map { min($0.day, dataEnd) } ?? dataEnd
            var k = list.firstIndex(onOrAfter: period.start.day)
            var previous: DatedAt?
            if fromStart || during == nil { previous = period.start }
            while k < list.count, list[k].day <= stop {
                let c = list[k]
                k += 1
                let r = run.ref(c.index)
                let event = DatedAt(day: c.day, record: r, field: r.fieldIndex(events.date(of: r.kind)!)!)
                if let p = previous, c.day > run.shared.withCalendar({ span.end(from: p.day, calendar: $0) }) {
                    let startsAtEpisode = p.record.index == period.start.record.index && p.day == period.start.day && during != nil
                    let what: Message = startsAtEpisode ? "the \(p.record.kind.name) starts here on \(p.day)"
                        : "the previous \(p.record.kind.name) recorded\(by(p.record)) is on \(p.day)"
                    let note = out.note(what, at: p.dated.field, of: p.record)
                    out.report(message(slots(p.day, c.day, span, run), run, record: period.start.record), at: event.dated.field, of: r, notes: [note])
                }
                previous = event
            }
            guard toEnd, let p = previous, stop > run.shared.withCalendar({ span.end(from: p.day, calendar: $0) }) else { continue }
            // The stretch from the last event to the episode's end (or the end of the data).
            let target = period.end.flatMap { $0.day <= dataEnd ? $0 : nil } ?? period.start
            var notes: [Note] = []
            if p.record.index != target.record.index || p.day != target.day {
                let what: Message = p.record.index == period.start.record.index && during != nil ? "the \(p.record.kind.name) starts here on \(p.day)"
                    : "the last \(p.record.kind.name) recorded\(by(p.record)) is on \(p.day)"
                notes.append(out.note(what, at: p.dated.field, of: p.record))
            }
            out.report(message(slots(p.day, stop, span, run), run, record: period.start.record), at: target.dated.field, of: target.record, notes: notes)
        }
    }

    private func slots(_ from: Day, _ to: Day, _ span: Interval, _ run: Run) -> Slots {
        var s = Slots()
        s["from"] = "\(from)"
        s["to"] = "\(to)"
        s["gap"] = "\(run.shared.withCalendar { span.elapsed(from: from, to: to, calendar: $0) })"
        s["every"] = "\(span)"
        s["events"] = "\(events.spelled)"
        s["record"] = "\(events.spelled)"
        return s
    }

    /// The episodes the condition holds in, overlapping ones merged, in order.
    private func periods(_ run: Run) -> [Period] {
        guard let during else { return [] }
        var spans: [Period] = []
        let records = run.records
        for i in records.indices where during.kinds.contains(records[i].kind) {
            let env = run.env(i)
            if during.filter?(env) == false { continue }
            guard let start = during.start.first(env) else { continue }
            let end = during.end.first(env)
            if let end, end.day < start.day { continue }
            spans.append(Period(start: start, end: end, openEnded: end == nil))
        }
        guard spans.count > 1 else { return spans }
        spans.sort { $0.start.day < $1.start.day }
        var merged: [Period] = [spans[0]]
        for s in spans.dropFirst() {
            var last = merged[merged.count - 1]
            let lastOpen = last.openEnded
            if lastOpen || s.start.day <= last.end!.day {
                if s.openEnded { last.openEnded = true; last.end = nil } else if !lastOpen, s.end!.day > last.end!.day { last.end = s.end }
                merged[merged.count - 1] = last
            } else {
                merged.append(s)
            }
        }
        return merged
    }
}
