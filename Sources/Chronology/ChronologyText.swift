import Model

/// Renders chronologies as plain text (docs/chronology.md describes the layout).
public struct ChronologyText: Sendable {
    public var showValues: Bool
    /// The path of each input file, by `FileID`.
    public var path: @Sendable (FileID) -> String

    public init(showValues: Bool, path: @escaping @Sendable (FileID) -> String) {
        self.showValues = showValues
        self.path = path
    }

    /// Width of the agency column.
    static let agencyWidth = 13
    static let indent = String(repeating: " ", count: 12 + agencyWidth)

    /// The label of a child: its LA child id, or where its first record is.
    public func name(_ c: Chronology) -> String {
        c.childID ?? "(no LA child id: \(place(c.location)))"
    }

    /// One child's chronology.
    public func render(_ c: Chronology) -> String {
        let events = c.events
        var s = "Chronology of child \(name(c))\n"
        var facts = ["\(events.count) \(events.count == 1 ? "event" : "events")"]
        if let first = events.first, let last = events.last { facts[0] += " from \(first.day) to \(last.day)" }
        facts.append("\(c.agencies.count) \(c.agencies.count == 1 ? "agency" : "agencies") (\(c.agencies.joined(separator: ", ")))")
        facts.append("\(c.files.count) \(c.files.count == 1 ? "file" : "files")")
        s += "  " + facts.joined(separator: ", ") + "\n"
        for plan in c.plans {
            s += "  on a child protection plan from \(plan.start)\(plan.end.map { " to \($0)" } ?? " (open)")\n"
        }
        let gaps = c.gaps.count, unanswered = c.unanswered
        s += "  \(count(c.findingCount, "finding")), \(count(gaps, "gap")) in visits while on a plan, \(unanswered) \(unanswered == 1 ? "referral or notification" : "referrals or notifications") with no recorded acknowledgement\n"
        if !showValues { s += "  (birth and death dates, names and free text are withheld; --show-values shows them)\n" }
        s += "\n"
        for entry in c.entries {
            switch entry {
            case .event(let e):
                let agency = e.agency.padding(Self.agencyWidth)
                var line = "\(e.day)  \(agency)\(e.text.text(showValues: showValues))"
                if let missing = e.missing { line += " — \(missing)" }
                s += line + "  [\(place(e.location))]\n"
                for d in e.findings { s += finding(d) }
            case .gap(let g):
                s += "\(Self.indent)~~ \(g.text) ~~\n"
            }
        }
        if !c.undated.isEmpty {
            s += "\nUndated records:\n"
            for u in c.undated {
                s += "            \(u.agency.padding(Self.agencyWidth))\(u.text.text(showValues: showValues))  [\(place(u.location))]\n"
                for d in u.findings { s += finding(d) }
            }
        }
        if !c.loose.isEmpty {
            s += "\nFindings about the child's other records:\n"
            for d in c.loose { s += finding(d, at: true) }
        }
        return s
    }

    /// An index of children: one line each.
    public func index(_ children: [Chronology]) -> String {
        let names = children.map(name)
        let width = max(5, names.map(\.count).max() ?? 0)
        var s = "CHILD".padding(width) + "  EVENTS  FROM        TO          PLAN    FINDINGS  GAPS  UNANSWERED  AGENCIES\n"
        for (c, n) in zip(children, names) {
            let events = c.events
            let plan = c.plans.isEmpty ? "-" : c.plans.contains { $0.end == nil } ? "open" : "ended"
            s += n.padding(width) + "  " + "\(events.count)".leftPadding(6) + "  "
                + (events.first.map { "\($0.day)" } ?? "-").padding(10) + "  "
                + (events.last.map { "\($0.day)" } ?? "-").padding(10) + "  "
                + plan.padding(6) + "  " + "\(c.findingCount)".leftPadding(8) + "  " + "\(c.gaps.count)".leftPadding(4) + "  "
                + "\(c.unanswered)".leftPadding(10) + "  " + c.agencies.joined(separator: ", ") + "\n"
        }
        return s
    }

    private func finding(_ d: Diagnostic, at: Bool = false) -> String {
        let place = at ? " [\(self.place(d.location))]" : ""
        return "\(Self.indent)!! \(d.severity.rawValue) \(d.ruleID): \(d.message.text(showValues: showValues))\(place)\n"
    }

    private func place(_ l: SourceLocation) -> String {
        l.line == 0 ? path(l.file) : "\(path(l.file)):\(l.line)"
    }

    private func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func leftPadding(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
