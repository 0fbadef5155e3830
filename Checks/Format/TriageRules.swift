import Check

/// Findings about the suppressions file itself. A suppression is a decision with a reason
/// and, often, an end date: when the date passes the decision must be looked at again, and
/// a suppression that covers nothing any more should be removed.
public enum TriageRules {
    public static let all: [Rule] = [
        Rule(id: "SUP001", name: "expired-suppression", category: .format, severity: .warning,
             message: "A suppression has passed its expiry date; the finding it covered is shown again",
             rationale: "Accepting a finding until a date is a promise to look again. Once the date passes the finding is reported as usual and this warning points at the entry to renew or remove.",
             source: "caselint suppressions", check: .reader),
        Rule(id: "SUP002", name: "unused-suppression", category: .format, severity: .note,
             message: "A suppression matches no finding; it can be removed",
             rationale: "A suppression that covers nothing (the record was corrected, or the entry is mistyped) hides nothing today but could hide a new finding tomorrow.",
             source: "caselint suppressions", check: .reader),
    ]
}
