import Check
import Model

extension CINCensus {
    /// Rules about the return as a whole: its header, duplicates across children, and
    /// proportions. They are reported at the header (or at the first of the duplicates, with
    /// notes at the others) once every child has been seen.
    static let returnLevel: [Rule] = [
        .cinReturn("100", "reference-date-incorrect", .format,
                   fields: ["ReferenceDate", "Year"],
                   message: "Reference Date is incorrect",
                   rationale: "The reference date is the last day of the collection year: 31 March of the header's Year. Every period rule depends on it.",
                   examples: [
                    .bad("31 March of the wrong year", """
                        <Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2025</Year><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails></Header>
                        <Children><Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers></Child></Children></Message>
                        """),
                    .bad("28 March", """
                        <Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2025</Year><ReferenceDate>2025-03-28</ReferenceDate></CollectionDetails></Header>
                        <Children><Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers></Child></Children></Message>
                        """),
                    .good("31 March of the Year", """
                        <Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2025</Year><ReferenceDate>2025-03-31</ReferenceDate></CollectionDetails></Header>
                        <Children><Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers></Child></Children></Message>
                        """),
                   ]) { ReferenceDateCheck() },
        .cinReturn("1520", "upn-duplicated", .consistency,
                   fields: ["UPN"],
                   message: "More than one record with the same UPN.",
                   rationale: "A UPN identifies one pupil; two children with the same UPN are one child recorded twice or a mistyped UPN.",
                   examples: [
                    .bad("two children with one UPN", """
                        <Child><ChildIdentifiers><LAchildID>A1</LAchildID><UPN>T201000224002</UPN></ChildIdentifiers></Child>
                        <Child><ChildIdentifiers><LAchildID>A2</LAchildID><UPN>T201000224002</UPN></ChildIdentifiers></Child>
                        """),
                    .good("different UPNs", """
                        <Child><ChildIdentifiers><LAchildID>A1</LAchildID><UPN>T201000224002</UPN></ChildIdentifiers></Child>
                        <Child><ChildIdentifiers><LAchildID>A2</LAchildID><UPN>T850728973744</UPN></ChildIdentifiers></Child>
                        """),
                   ]) { DuplicateCheck(key: .upn, what: "UPN", personal: true) },
        .cinReturn("8510", "la-child-id-duplicated", .consistency,
                   fields: ["LAchildID"],
                   message: "More than one child record with the same LA Child ID",
                   rationale: "The LA child id identifies one child within the return; two records with the same id are one child split in two, or two children sharing an id.",
                   examples: [
                    .bad("two children with id A1", """
                        <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers></Child>
                        <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers></Child>
                        """),
                    .good("ids A1 and A2", """
                        <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers></Child>
                        <Child><ChildIdentifiers><LAchildID>A2</LAchildID></ChildIdentifiers></Child>
                        """),
                   ]) { DuplicateCheck(key: .laChildID, what: "LA child id", personal: false) },
        .cinReturn("2883", "more-cp-plans-than-conferences", .consistency,
                   fields: ["CPPstartDate", "DateOfInitialCPC"],
                   message: "There are more child protection plans starting than initial conferences taking place",
                   rationale: "Every child protection plan starts at an initial conference, so a return cannot have more plans starting in the year than initial conferences held in it.",
                   examples: [
                    .bad("a plan with no conference", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate></ChildProtectionPlans>")),
                    .good("a plan with its conference", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Section47><S47ActualStartDate>2024-06-11</S47ActualStartDate><DateOfInitialCPC>2024-07-01</DateOfInitialCPC></Section47><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate></ChildProtectionPlans>")),
                   ]) { PlansAndConferencesCheck() },
        .cinReturn("2886Q", "sex-not-recorded-over-2-percent", .sufficiency,
                   fields: ["Sex", "ExpectedPersonBirthDate"],
                   message: "Please check and either amend or provide a reason: Percentage of children with no sex recorded is more than 2% (excluding unborns)",
                   rationale: "The census counts children by sex; more than 2% of children with none recorded (U, or nothing; unborn children aside) suggests a recording gap. In returns before 2024-25 the field is GenderCurrent, and 0 (not known) counts as none.",
                   examples: [
                    .bad("the only child has sex U", exampleChild(ids: "<PersonBirthDate>2015-01-01</PersonBirthDate><Sex>U</Sex>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                    .good("sex F", exampleChild(ids: "<PersonBirthDate>2015-01-01</PersonBirthDate><Sex>F</Sex>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                    .good("an unborn child with sex U", exampleChild(ids: "<ExpectedPersonBirthDate>2025-05-01</ExpectedPersonBirthDate><Sex>U</Sex>", "<CINreferralDate>2025-01-10</CINreferralDate>")),
                    .bad("2023-24 return: GenderCurrent 0", exampleChild(ids: "<PersonBirthDate>2015-01-01</PersonBirthDate><GenderCurrent>0</GenderCurrent>", "<CINreferralDate>2023-06-10</CINreferralDate>")).inYear(2024),
                   ]) { SexNotRecordedCheck() },
        .cinReturn("2887Q", "few-disability-codes", .sufficiency,
                   fields: ["Disability"],
                   message: "Please check and either amend or provide a reason: Less than 8 disability codes have been used in your return",
                   rationale: "Across a local authority's children, most disability codes occur; fewer than 8 different codes (NONE aside) suggests disabilities are not being recorded.",
                   examples: [
                    .bad("only HAND is used", exampleChild(characteristics: "<ChildCharacteristics><Disabilities><Disability>HAND</Disability></Disabilities></ChildCharacteristics>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                    .good("eight codes are used", exampleChild(characteristics: "<ChildCharacteristics><Disabilities><Disability>HAND</Disability><Disability>HEAR</Disability><Disability>VIS</Disability><Disability>MOB</Disability><Disability>PC</Disability><Disability>INC</Disability><Disability>COMM</Disability><Disability>LD</Disability></Disabilities></ChildCharacteristics>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                   ]) { DisabilityCodesCheck() },
        .cinReturn("2888Q", "one-disability-per-child", .sufficiency,
                   fields: ["Disability"],
                   message: "Please check and either amend or provide a reason: Only one disability code is recorded per child and multiple disabilities should be recorded where possible.",
                   rationale: "Some children have more than one disability; a return where no child has more than one suggests only the main one is being recorded.",
                   examples: [
                    .bad("one disability each", """
                        \(exampleChild(characteristics: "<ChildCharacteristics><Disabilities><Disability>HAND</Disability></Disabilities></ChildCharacteristics>", "<CINreferralDate>2024-06-10</CINreferralDate>"))
                        <Child><ChildIdentifiers><LAchildID>A2</LAchildID></ChildIdentifiers><ChildCharacteristics><Disabilities><Disability>VIS</Disability></Disabilities></ChildCharacteristics></Child>
                        """),
                    .good("a child with two disabilities", exampleChild(characteristics: "<ChildCharacteristics><Disabilities><Disability>HAND</Disability><Disability>VIS</Disability></Disabilities></ChildCharacteristics>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                   ]) { MultipleDisabilitiesCheck() },
    ]
}

/// Rule 100: the header's reference date is 31 March of its Year.
final class ReferenceDateCheck: ReturnCheck {
    func observe(_ child: Child, _ findings: inout Findings) {}

    func finish(_ findings: inout Findings) {
        guard let header = findings.context.header?.person else {
            findings.reportReturn("the return has no header, so no reference date", headerField: nil)
            return
        }
        let reference = header[.referenceDate]
        guard let r = reference?.day else {
            findings.reportReturn("the header has no valid ReferenceDate", headerField: .referenceDate)
            return
        }
        guard let year = header[.year]?.integer, let due = Day(year: year, month: 3, day: 31) else {
            findings.reportReturn("the header has no valid Year, so the ReferenceDate \(r) cannot be confirmed as the end of the collection year",
                                  headerField: .year)
            return
        }
        guard r != due else { return }
        findings.reportReturn("ReferenceDate \(r) is not \(due), the end of collection year \(year) (the header's Year)", headerField: .referenceDate,
                              notes: header[.year].map { [findings.note("the Year is given here", at: $0, of: header)] } ?? [])
    }
}

/// Rules 1520 and 8510: a value that identifies one child appears in several. Reported at
/// the first child with notes at the others; only the first place of each value is kept.
final class DuplicateCheck: ReturnCheck {
    private let key: FieldKey
    private let what: String
    private let personal: Bool
    /// Each value's first use, by its index in `firsts`: one hash per child (most values
    /// are unique), with `TextHash` rather than a `Dictionary`'s SipHash and copied key,
    /// for every child of a return.
    private var firstIndex = IndexTable()
    private var firsts: [(value: String, mark: Mark)] = []
    private var others: [Int32: [Mark]] = [:]
    /// Values not yet looked up. A return's table outgrows the caches, and most of a
    /// look-up was waiting for its slot: a batch's slots are read together first.
    private var batch: [(hash: UInt64, value: String, mark: Mark)] = []

    init(key: FieldKey, what: String, personal: Bool) {
        self.key = key
        self.what = what
        self.personal = personal
    }

    func observe(_ child: Child, _ findings: inout Findings) {
        let person = child.person
        guard let field = person[key], !field.isEmpty else { return }
        var hash = TextHash()
        hash.add(field.text)
        batch.append((hash.value, field.text, findings.mark(field, of: person)))
        if batch.count == 32 { lookUp() }
    }

    private func lookUp() {
        firstIndex.touch(batch.lazy.map(\.hash))
        for (hash, text, mark) in batch {
            if let earlier = firstIndex.findOrAdd(hash: hash, .init(index: Int32(firsts.count), part: 0),
                                                  matches: { firsts[Int($0.index)].value == text }) {
                others[earlier.index, default: []].append(mark)
            } else {
                firsts.append((text, mark))
            }
        }
        batch.removeAll(keepingCapacity: true)
    }

    func finish(_ findings: inout Findings) {
        lookUp()
        for (i, rest) in others.sorted(by: { $0.key < $1.key }) {
            let (value, first) = firsts[Int(i)]
            let shown: Message = personal ? "\(personal: value)" : "\(value)"
            let count = rest.count + 1
            findings.report("\(what) \(shown) is used by \(count) children in this return", at: first,
                            notes: rest.map { m in
                                findings.note("the same \(what) again\(m.childID.map { " (child \($0))" } ?? "")", at: m)
                            })
        }
    }
}

/// Rule 2883: plans starting in the census year against initial conferences held in it.
final class PlansAndConferencesCheck: ReturnCheck {
    private var plans = 0
    private var conferences = 0

    func observe(_ child: Child, _ findings: inout Findings) {
        guard let census = findings.context.census else { return }
        func inYear(_ d: Day?) -> Bool { d.map(census.contains) ?? false }
        for i in child.records.indices {
            let record = RecordRef(child: child, index: i)
            switch record.kind {
            case .cpPlan: if inYear(record.day(.startDate)) { plans += 1 }
            case .cinEpisode, .section47: if inYear(record.day(.initialCPCDate)) { conferences += 1 }
            default: break
            }
        }
    }

    func finish(_ findings: inout Findings) {
        guard plans > conferences else { return }
        findings.reportReturn("\(plans) child protection plans start in the census year, but only \(conferences) initial conferences are held in it",
                              headerField: .referenceDate)
    }
}

/// Rule 2886Q: children (born) with no sex recorded, as a share of all children.
final class SexNotRecordedCheck: ReturnCheck {
    private var children = 0
    private var missing = 0
    private var examples: [Mark] = []

    func observe(_ child: Child, _ findings: inout Findings) {
        children += 1
        let person = child.person
        guard person.day(.expectedBirthDate) == nil else { return }
        let modern = findings.context.ruleset.year >= 2025
        let value = person[modern ? .sex : .genderCurrent]?.text ?? ""
        guard value.isEmpty || value == (modern ? "U" : "0") else { return }
        missing += 1
        if examples.count < 3 { examples.append(findings.mark(person)) }
    }

    func finish(_ findings: inout Findings) {
        guard children > 0, Double(missing) / Double(children) > 0.02 else { return }
        let modern = findings.context.ruleset.year >= 2025
        let percent = (Double(missing) * 1000 / Double(children)).rounded() / 10
        let what = modern ? "no sex recorded (U or none)" : "no gender recorded (GenderCurrent 0 or none)"
        findings.reportReturn("\(missing) of \(children) children (\(percent)%) have \(what), more than 2%; unborn children are not counted",
                              headerField: nil,
                              notes: examples.map { findings.note("for example this child\($0.childID.map { " (\($0))" } ?? "")", at: $0) })
    }
}

/// Rule 2887Q: the different disability codes used across the return, NONE aside.
final class DisabilityCodesCheck: ReturnCheck {
    private var used = Set<String>()
    private var children = 0

    func observe(_ child: Child, _ findings: inout Findings) {
        children += 1
        guard used.count < 8 else { return }
        for code in child.person.all(.disability) where code.text != "NONE" && CINCensus.disabilityCodes.contains(code.text) {
            used.insert(code.text)
        }
    }

    func finish(_ findings: inout Findings) {
        guard children > 0, used.count < 8 else { return }
        let list = used.isEmpty ? "none" : used.sorted().joined(separator: ", ")
        findings.reportReturn("only \(used.count) different disability codes other than NONE are used in the return (\(list)); fewer than 8",
                              headerField: nil)
    }
}

/// Rule 2888Q: whether any child has more than one disability recorded.
final class MultipleDisabilitiesCheck: ReturnCheck {
    private var withOne = 0
    private var withSeveral = false

    func observe(_ child: Child, _ findings: inout Findings) {
        guard !withSeveral else { return }
        let count = child.person.all(.disability).count { !$0.isEmpty && $0.text != "NONE" }
        if count > 1 { withSeveral = true } else if count == 1 { withOne += 1 }
    }

    func finish(_ findings: inout Findings) {
        guard !withSeveral, withOne > 0 else { return }
        findings.reportReturn("no child has more than one disability recorded (\(withOne) children have one)", headerField: nil)
    }
}
