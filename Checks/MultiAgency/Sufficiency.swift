import Check
import Model

extension MultiAgency {
    /// Does the record hold enough to act on: safe-sleep advice where an infant is at risk,
    /// case notes with detail, an NHS number for CP-IS.
    static let sufficiency: [Rule] = [infantRiskWithoutSafeSleep, caseNoteTooThin, cpPlanWithoutNHSNumber]

    /// Carer risk factors as DfE assessment factor codes: B = a parent or carer, C = another
    /// member of the household.
    static let carerAssessmentFactors: [String: [String]] = [
        "alcohol": ["1B", "1C"], "drugs": ["2B", "2C"], "domestic-abuse": ["3B", "3C"], "mental-health": ["4B", "4C"],
    ]

    static let infantRiskWithoutSafeSleep = Rule.multiAgency(
        "SUF006", "infant-risk-without-safe-sleep", .sufficiency,
        fields: ["cpPlan.startDate", "healthContact.riskFactor", "assessment.factor", "healthContact.safeSleepAdvice"],
        message: "No recorded safe-sleep advice for an infant on a child protection plan after a carer risk factor or co-sleeping was recorded",
        rationale: """
            Most sudden unexpected infant deaths reviewed nationally were in families known to services, with \
            co-sleeping and carer risks (alcohol, drugs, domestic abuse, mental health) recorded; reviews ask that \
            safe-sleep risk be raised again whenever it changes. For an infant (under 12 months, or unborn) on a \
            child protection plan with such a risk recorded — a health contact's risk factor, or an assessment \
            factor 1B–4C — the rule looks for a health contact with safe-sleep advice on or after the later of \
            the plan's start and the first risk, to the end of the data. It points at the plan, with notes at the \
            risks and at any earlier advice. A child whose records are one agency's and hold no health contact \
            is not judged: such a data drop cannot hold the advice.
            """,
        source: "\"Out of Routine\", Child Safeguarding Practice Review Panel (2020); serious case review recommendations on safe sleep",
        parameters: [
            Parameter(name: "risk-factors", defaultValue: "alcohol, drugs, domestic-abuse, mental-health, co-sleeping",
                      summary: "risk factors that call for safe-sleep advice",
                      source: "\"Out of Routine\" (CSPRP 2020)", kind: .codes(Vocabulary.riskFactors)),
        ],
        examples: [
            .bad(.records, "co-sleeping recorded after the plan starts; the only advice is older", """
                - { record: person, laChildID: A1, birthDate: 2024-01-05 }
                - { record: cpPlan, laChildID: A1, startDate: 2024-02-20, initialCategory: NEG }
                ---
                - { record: healthContact, laChildID: A1, recordID: HV-1, date: 2024-01-20, practitionerRole: health-visitor, safeSleepAdvice: true }
                - { record: healthContact, laChildID: A1, recordID: HV-2, date: 2024-03-04, practitionerRole: health-visitor, safeSleepAdvice: false, riskFactor: [co-sleeping] }
                """),
            .bad(.records, "unborn child on a pre-birth plan; parental alcohol at assessment; no advice", """
                - { record: person, laChildID: A1, expectedBirthDate: 2024-06-30 }
                - { record: assessment, laChildID: A1, startDate: 2024-03-01, factor: [1B] }
                - { record: cpPlan, laChildID: A1, startDate: 2024-04-02, initialCategory: NEG }
                ---
                - { record: healthContact, laChildID: A1, date: 2024-04-10, practitionerRole: midwife, contactType: antenatal }
                """),
            .good(.records, "safe-sleep advice after co-sleeping was recorded", """
                - { record: person, laChildID: A1, birthDate: 2024-01-05 }
                - { record: cpPlan, laChildID: A1, startDate: 2024-02-20, initialCategory: NEG }
                ---
                - { record: healthContact, laChildID: A1, date: 2024-03-04, practitionerRole: health-visitor, riskFactor: [co-sleeping] }
                - { record: healthContact, laChildID: A1, date: 2024-03-11, practitionerRole: health-visitor, safeSleepAdvice: true }
                """),
            .good(.records, "a two-year-old on a plan: not an infant", """
                - { record: person, laChildID: A1, birthDate: 2022-01-05 }
                - { record: cpPlan, laChildID: A1, startDate: 2024-02-20, initialCategory: NEG }
                ---
                - { record: healthContact, laChildID: A1, date: 2024-03-04, practitionerRole: health-visitor, riskFactor: [alcohol] }
                """),
            .good(.records, "an infant with co-sleeping recorded but no plan", """
                - { record: person, laChildID: A1, birthDate: 2024-01-05 }
                ---
                - { record: healthContact, laChildID: A1, date: 2024-03-04, practitionerRole: health-visitor, riskFactor: [co-sleeping] }
                """),
        ],
        triggers: [.cpPlan]
    ) { child, out in
        let plans = child.plans
        guard !plans.isEmpty, child.judgesAbsence(of: .healthContact) else { return }
        let wanted = Set(out.list("risk-factors"))
        var factorRisk: [String: String] = [:]
        for risk in wanted { for code in carerAssessmentFactors[risk] ?? [] { factorRisk[code] = risk } }

        // Risks and advice, in one pass over the child's records.
        var risks: [(dated: Dated, risk: String)] = []
        var advice: [Day] = []
        var lastAdvice: Dated?
        for i in child.records.indices {
            let kind = child.records[i].kind
            guard kind == .healthContact || kind == .assessment else { continue }
            let r = RecordRef(child: child, index: i)
            if kind == .healthContact {
                guard let dateField = r[.date], let d = dateField.day else { continue }
                if r[.safeSleepAdvice]?.bool == true { advice.append(d) }
                for f in r.all(.riskFactor) where wanted.contains(f.text) { risks.append((Dated(day: d, record: r, field: f), f.text)) }
            } else if !factorRisk.isEmpty {
                guard let d = r.day(.startDate) ?? r.day(.authorisationDate) else { continue }
                for f in r.all(.factor) { if let risk = factorRisk[f.text] { risks.append((Dated(day: d, record: r, field: f), risk)) } }
            }
        }
        guard !risks.isEmpty else { return }
        risks.sort { $0.dated.day < $1.dated.day }
        advice.sort()

        for plan in plans {
            // Risks recorded before the plan ended: the first one, and every kind of risk.
            let relevant = risks.filter { r in plan.end.map { r.dated.day <= $0 } ?? true }
            guard let first = relevant.first else { continue }
            let from = max(plan.start, first.dated.day)
            guard child.isInfant(on: from) else { continue }
            if let last = advice.last, last >= from { continue }
            var names: [String] = []
            var notes: [Note] = []
            for r in relevant where !names.contains(r.risk) {
                names.append(r.risk)
                let what = r.dated.record.kind == .assessment ? "\(r.risk) (assessment factor \(r.dated.field.text))" : r.risk
                if notes.count < 4 {
                    notes.append(out.note("\(what) recorded here\(by(r.dated.record)) on \(r.dated.day)",
                                          at: r.dated.field, of: r.dated.record))
                }
            }
            if lastAdvice == nil {
                lastAdvice = child.dated(.healthContact, .date) { $0[.safeSleepAdvice]?.bool == true }.last
            }
            if let earlier = lastAdvice {
                notes.append(out.note("the last recorded safe-sleep advice is on \(earlier.day), before \(from)",
                                      at: earlier.field, of: earlier.record))
            }
            let start = plan.record[.startDate]!
            out.report("no recorded safe-sleep advice on or after \(from) for an infant on a child protection plan with \(inWords(names)) recorded",
                       at: start, of: plan.record, notes: notes)
        }
    }

    static let caseNoteTooThin = Rule.multiAgency(
        "SUF008", "case-note-too-thin", .sufficiency,
        fields: ["caseNote.text"],
        message: "No recorded detail to act on in a case note: fewer words than the local minimum, or only stock phrases",
        rationale: """
            Serious case reviews keep finding records that lacked sufficient detail: "seen and well" says \
            nothing a colleague can act on. The rule counts a case note's words and tests whether it says \
            nothing but stock phrases (after ignoring case and punctuation). The note's text is never printed \
            unless --show-values is given; the finding points at it.
            """,
        source: "Serious case reviews on records lacking sufficient detail; local recording standards",
        parameters: [
            Parameter(name: "min-words", defaultValue: "15", summary: "fewest words a case note should hold",
                      source: "local recording standard", kind: .integer(1...500)),
            Parameter(name: "stock-phrases",
                      defaultValue: "seen and well, no concerns, as above, see previous, nothing to report, all fine, no change",
                      summary: "phrases that say nothing on their own",
                      source: "serious case reviews (records lacking sufficient detail)", kind: .list),
        ],
        examples: [
            .bad(.records, "a note that only says 'Seen and well.'", """
                - { record: caseNote, laChildID: A1, recordID: CN-2, date: 2024-03-22, author: W. Worker, authorRole: social-worker, text: "Seen and well." }
                """),
            .bad(.records, "stock phrases strung together", """
                - { record: caseNote, laChildID: A1, recordID: CN-3, date: 2024-03-22, author: W. Worker, authorRole: social-worker, text: "No concerns. As above; see previous. All fine, no change, nothing to report, seen and well." }
                """),
            .bad(.records, "a note with no text", """
                - { record: caseNote, laChildID: A1, recordID: CN-4, date: 2024-03-22, author: W. Worker, authorRole: social-worker }
                """),
            .good(.records, "a note with detail", """
                - { record: caseNote, laChildID: A1, recordID: CN-1, date: 2024-03-01, author: W. Worker, authorRole: social-worker, text: "Home visit. Baby seen awake in the Moses basket in the living room; mother and her partner present; we discussed where the baby sleeps at night." }
                """),
        ],
        triggers: [.caseNote]
    ) { child, out in
        let minimum = out.integer("min-words")
        var phrases: [[UInt64]]?
        for note in child.records(.caseNote) {
            guard let field = note[.text], !field.text.isEmpty else {
                out.report("no recorded text in this case note", at: note, missing: "text")
                continue
            }
            if phrases == nil { phrases = out.list("stock-phrases").map { CaseNoteText.words(of: $0) }.filter { !$0.isEmpty } }
            let judged = CaseNoteText.judge(field.text, stockPhrases: phrases!)
            if judged.onlyStockPhrases {
                out.report("no recorded detail in this case note beyond stock phrases (text: \(personal: field.text.quotedOnOneLine))",
                           at: field, of: note)
            } else if judged.words < minimum {
                out.report("no recorded detail to act on in this case note: \(judged.words) \(judged.words == 1 ? "word" : "words"), fewer than the local minimum of \(minimum) (text: \(personal: field.text.quotedOnOneLine))",
                           at: field, of: note)
            }
        }
    }

    static let cpPlanWithoutNHSNumber = Rule.multiAgency(
        "SUF010", "cp-plan-without-nhs-number", .sufficiency,
        fields: ["person.nhsNumber", "cpPlan.startDate"],
        message: "No recorded NHS number for a child on a child protection plan: CP-IS cannot flag the child to unscheduled care",
        rationale: """
            CP-IS tells A&E, minor injury units and out-of-hours services that a child is on a child protection \
            plan or looked after, through the child's NHS number. A child on a plan whom no agency's record \
            gives a valid NHS number cannot be flagged. The rule points at the child's first plan. It judges \
            children whose records come from more than one agency: social care's returns alone (the CIN \
            census) do not carry NHS numbers.
            """,
        source: "NHS England, Child Protection – Information Sharing (CP-IS)",
        examples: [
            .bad(.records, "a plan in social care's records, no NHS number in any agency's", """
                - { record: person, agency: social-care, laChildID: A1, birthDate: 2020-01-05 }
                - { record: cpPlan, agency: social-care, laChildID: A1, startDate: 2024-02-20, initialCategory: EMO }
                ---
                - { record: person, laChildID: A1, agency: education, sex: F }
                """),
            .bad(.records, "the only NHS number recorded fails its check digit", """
                - { record: person, agency: social-care, laChildID: A1, nhsNumber: "9434765910" }
                - { record: cpPlan, agency: social-care, laChildID: A1, startDate: 2024-02-20, initialCategory: EMO }
                ---
                - { record: referral, agency: education, laChildID: A1, date: 2024-01-10, fromAgency: education, toAgency: social-care }
                """),
            .good(.records, "health records give the child's NHS number", """
                - { record: person, agency: social-care, laChildID: A1, birthDate: 2020-01-05 }
                - { record: cpPlan, agency: social-care, laChildID: A1, startDate: 2024-02-20, initialCategory: EMO }
                ---
                - { record: healthContact, agency: health, laChildID: A1, nhsNumber: "9434765919", date: 2024-03-01, practitionerRole: gp }
                """),
            .good(.records, "social care's records alone: they need not carry NHS numbers", """
                - { record: person, agency: social-care, laChildID: A1, birthDate: 2020-01-05 }
                - { record: cpPlan, agency: social-care, laChildID: A1, startDate: 2024-02-20, initialCategory: EMO }
                ---
                - { record: visit, agency: social-care, laChildID: A1, date: 2024-02-26, childSeen: true, seenAlone: true, present: [mother] }
                """),
        ],
        triggers: [.cpPlan]
    ) { child, out in
        guard child.isMultiAgency, let plan = child.plans.first else { return }
        var invalid: (RecordRef, Field)?
        for root in child.roots {
            guard let f = root[.nhsNumber] else { continue }
            if CheckCharacters.isValidNHSNumber(f.text) { return }
            if invalid == nil { invalid = (root, f) }
        }
        var notes: [Note] = []
        if let (root, f) = invalid {
            notes.append(out.note("an NHS number (\(personal: f.text)) is recorded here\(by(root)), but its check digit is wrong",
                                  at: f, of: root))
        }
        out.report("no recorded NHS number for a child on a child protection plan (from \(plan.start)): CP-IS cannot flag the child to unscheduled care",
                   at: plan.record[.startDate]!, of: plan.record, notes: notes)
    }
}

extension String {
    /// The text in quotes on one line (line breaks as `\n`), for `--show-values`.
    var quotedOnOneLine: String {
        var out = "\""
        for c in unicodeScalars {
            switch c {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\"": out += "\\\""
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}
