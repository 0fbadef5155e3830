import Check
import Model

extension CINCensus {
    /// CIN episodes: referral and closure dates, and how episodes follow one another.
    static let episodes: [Rule] = [
        .cin("8600", "referral-date-missing-or-late", .sufficiency,
             fields: ["CINreferralDate"],
             message: "Child referral date missing or after data collection period",
             rationale: "Every episode starts with a referral on or before the reference date.",
             examples: [
                .bad("no referral date", exampleChild("<ReferralNFA>false</ReferralNFA>")),
                .bad("referred after the reference date", exampleChild("<CINreferralDate>2025-04-01</CINreferralDate>")),
                .good("referred in the census year", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate>")),
             ]) { child, out in
            let reference = out.context.census?.referenceDate
            for episode in child.episodes {
                let referral = episode[.referralDate]
                if let r = referral?.day {
                    guard let reference, r > reference else { continue }
                    out.report("referral date \(r) is after the end of the census year (\(reference))", at: referral!, of: episode)
                } else {
                    out.report("no valid referral date recorded for this episode", at: referral, or: episode, missing: "CINreferralDate")
                }
            }
        },
        .cin("8606", "referral-long-before-birth", .consistency,
             fields: ["CINreferralDate", "PersonBirthDate", "ExpectedPersonBirthDate"],
             message: "Child referral date is more than 40 weeks before DOB or expected DOB",
             rationale: "A referral can concern an unborn child, but not more than 40 weeks (280 days) before the birth.",
             examples: [
                .bad("referred a year before birth", exampleChild(ids: "<PersonBirthDate>2024-12-01</PersonBirthDate>", "<CINreferralDate>2023-11-10</CINreferralDate>")),
                .good("referred during pregnancy", exampleChild(ids: "<ExpectedPersonBirthDate>2025-05-01</ExpectedPersonBirthDate>", "<CINreferralDate>2024-11-10</CINreferralDate>")),
             ]) { child, out in
            let person = child.person
            // The date of birth, then the expected one, when valid (no list made per child).
            let born = person[.birthDate].flatMap { $0.day == nil ? nil : $0 }
            let expected = person[.expectedBirthDate].flatMap { $0.day == nil ? nil : $0 }
            guard born != nil || expected != nil else { return }
            func longBefore(_ r: Day) -> Field? {
                if let b = born, r < b.day! - 280 { return b }
                if let e = expected, r < e.day! - 280 { return e }
                return nil
            }
            for episode in child.episodes {
                guard let referral = episode[.referralDate], let r = referral.day,
                      let birth = longBefore(r) else { continue }
                let what = birth.key == .birthDate ? "date of birth" : "expected date of birth"
                out.report("referral of \(r) is more than 40 weeks (280 days) before the \(what) \(personal: birth.day!)",
                           at: referral, of: episode, notes: [out.note("the \(what) is recorded here", at: birth, of: person)])
            }
        },
        .cin("8620", "closure-outside-census-year", .consistency,
             fields: ["CINclosureDate"],
             message: "CIN Closure Date present and does not fall within the Census year",
             rationale: "An episode closed before the census year is not part of it, and one cannot close after the reference date.",
             examples: [
                .bad("closed before the census year", exampleChild("<CINreferralDate>2023-06-10</CINreferralDate><CINclosureDate>2024-02-01</CINclosureDate>")),
                .good("closed in the census year", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-08-01</CINclosureDate>")),
             ]) { child, out in
            guard let census = out.context.census else { return }
            for episode in child.episodes {
                guard let closure = episode[.closureDate], let c = closure.day, !census.contains(c) else { continue }
                out.report("episode closes on \(c), outside the census year (\(census.start) to \(census.referenceDate))", at: closure, of: episode)
            }
        },
        .cin("8630", "closure-before-referral", .consistency,
             fields: ["CINreferralDate", "CINclosureDate"],
             message: "CIN Closure Date is before CIN Referral Date for the same CIN episode",
             rationale: "An episode closes on or after the referral that opened it.",
             examples: [
                .bad("closed before referral", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-06-01</CINclosureDate>")),
                .good("closed the same day", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-06-10</CINclosureDate>")),
             ]) { child, out in
            for episode in child.episodes {
                guard let referral = episode[.referralDate], let r = referral.day,
                      let closure = episode[.closureDate], let c = closure.day, c < r else { continue }
                out.report("episode closes (\(c)) before the referral is received (\(r))", at: closure, of: episode,
                           notes: [out.note("the referral is received here", at: referral, of: episode)])
            }
        },
        .cin("8555Q", "referral-after-death", .consistency,
             fields: ["PersonDeathDate", "CINreferralDate"],
             message: "Child cannot be referred after its recorded date of death",
             rationale: "A referral after a child's recorded death means the referral date or the date of death is wrong.",
             examples: [
                .bad("referred after death", exampleChild(ids: "<PersonBirthDate>2020-01-01</PersonBirthDate><PersonDeathDate>2024-06-01</PersonDeathDate>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                .good("referred before death", exampleChild(ids: "<PersonBirthDate>2020-01-01</PersonBirthDate><PersonDeathDate>2024-07-01</PersonDeathDate>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
             ]) { child, out in
            let person = child.person
            guard let death = person[.deathDate], let d = death.day else { return }
            for episode in child.episodes {
                guard let referral = episode[.referralDate], let r = referral.day, r > d else { continue }
                out.report("referral of \(r) is after the child's recorded date of death \(personal: d)", at: referral, of: episode,
                           notes: [out.note("the date of death is recorded here", at: death, of: person)])
            }
        },
        .cin("8585Q", "died-without-death-date", .sufficiency,
             fields: ["ReasonForClosure", "PersonDeathDate"],
             message: "Please check and either amend or provide a reason: CIN episode shows Died as the Closure Reason, however child has no recorded Date of Death",
             rationale: "An episode closed because the child died (RC2) needs the child's date of death.",
             examples: [
                .bad("RC2 and no date of death", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-08-01</CINclosureDate><ReasonForClosure>RC2</ReasonForClosure>")),
                .good("RC2 with a date of death", exampleChild(ids: "<PersonDeathDate>2024-08-01</PersonDeathDate>", "<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-08-01</CINclosureDate><ReasonForClosure>RC2</ReasonForClosure>")),
             ]) { child, out in
            guard child.person.day(.deathDate) == nil else { return }
            for episode in child.episodes {
                guard let reason = episode[.closureReason], reason.text == "RC2" else { continue }
                out.report("episode is closed because the child died (RC2), but no date of death is recorded", at: reason, of: episode)
            }
        },
        .cin("8569Q", "old-referral-marked-nfa", .consistency,
             fields: ["ReferralNFA", "CINreferralDate"],
             message: "A case with referral date before one working day prior to the collection start date must not be flagged as a no further action case",
             rationale: "A referral with no further action is closed within a working day; one received before the census year and still in the return went on to further action. The DfE counts the collection start as the one working day (moved to the next working day when 1 April is not one), as its validator does.",
             examples: [
                .bad("referred in January 2024, marked NFA", exampleChild("<CINreferralDate>2024-01-10</CINreferralDate><ReferralNFA>true</ReferralNFA>")),
                .good("referred in January 2024, further action", exampleChild("<CINreferralDate>2024-01-10</CINreferralDate><ReferralNFA>false</ReferralNFA>")),
                .good("referred in the census year, NFA", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>true</ReferralNFA>")),
             ]) { child, out in
            guard let census = out.context.census else { return }
            var threshold = census.start
            while !out.context.calendar.isWorkingDay(threshold) { threshold = threshold + 1 }
            for episode in child.episodes {
                guard let referral = episode[.referralDate], let r = referral.day, r < threshold,
                      !isFalseFlag(episode[.referralNFA]) else { continue }
                let nfa = episode[.referralNFA]
                let state: Message = nfa.map { $0.isEmpty ? "has an empty ReferralNFA" : "has ReferralNFA '\($0.text)'" } ?? "has no ReferralNFA"
                out.report("referral of \(r), before the census year (\(census.start)), \(state); only false or 0 is possible",
                           at: nfa ?? referral, of: episode)
            }
        },
        .cin("8815", "several-open-episodes", .consistency,
             fields: ["ReferralNFA", "CINclosureDate"],
             message: "More than one open CIN Details episode (a module with no CIN Closure Date) has been provided for this child and case is not a referral with no further action.",
             rationale: "A child has at most one open episode that went on to further action at a time.",
             examples: [
                .bad("two open episodes with further action", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>false</ReferralNFA>", "<CINreferralDate>2024-09-10</CINreferralDate><ReferralNFA>false</ReferralNFA>")),
                .good("first episode closed", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-08-01</CINclosureDate><ReferralNFA>false</ReferralNFA>", "<CINreferralDate>2024-09-10</CINreferralDate><ReferralNFA>false</ReferralNFA>")),
             ]) { child, out in
            // (Counted, the first two kept: no list made per child.)
            var count = 0
            var first: RecordRef?, second: RecordRef?
            for e in child.episodes where e.day(.closureDate) == nil && isFalseFlag(e[.referralNFA]) {
                count += 1
                if first == nil { first = e } else if second == nil { second = e }
            }
            guard count > 1, let first, let second else { return }
            out.report("\(count) episodes that went on to further action are open (no closure date); at most one may be",
                       at: second, missing: "CINclosureDate",
                       notes: [out.note("another open episode, referred on \(shown(first[.referralDate])), starts here", at: first)])
        },
        .cin("8816", "open-episode-not-latest", .consistency,
             fields: ["CINreferralDate", "ReferralNFA"],
             message: "An open CIN episode is shown and case is not a referral with no further action, but it is not the latest episode.",
             rationale: "An open episode with further action is the child's current one, so its referral is the latest; a later referral means the earlier episode should have been closed.",
             examples: [
                .bad("open episode before a later one", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>false</ReferralNFA>", "<CINreferralDate>2024-09-10</CINreferralDate><CINclosureDate>2024-09-11</CINclosureDate><ReferralNFA>true</ReferralNFA>")),
                .good("open episode is the latest", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-06-11</CINclosureDate><ReferralNFA>true</ReferralNFA>", "<CINreferralDate>2024-09-10</CINreferralDate><ReferralNFA>false</ReferralNFA>")),
             ]) { child, out in
            // The latest referral; the first of equal dates, as the DfE validator takes it.
            var datedCount = 0
            var latest: RecordRef?
            var latestDay = Day(number: 0)
            for e in child.episodes {
                guard let d = e.day(.referralDate) else { continue }
                datedCount += 1
                if latest == nil || d > latestDay {
                    latest = e
                    latestDay = d
                }
            }
            guard datedCount > 1, let latest else { return }
            for episode in child.episodes where episode.day(.referralDate) != nil && episode.index != latest.index
            && episode.day(.closureDate) == nil && isFalseFlag(episode[.referralNFA]) {
                out.report("episode referred on \(episode.day(.referralDate)!) is open and went on to further action, but it is not the latest episode",
                           at: episode[.referralDate]!, of: episode,
                           notes: [out.note("the latest referral is received on \(latest.day(.referralDate)!) here", at: latest[.referralDate]!, of: latest)])
            }
        },
        .cin("8820", "episodes-overlap", .consistency,
             fields: ["CINreferralDate", "CINclosureDate"],
             message: "The dates on the CIN episodes for this child overlap",
             rationale: "A child's episodes follow one another: a referral does not fall inside another episode (one may start on the day the previous one closes).",
             examples: [
                .bad("second referral before the first episode closes", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-09-01</CINclosureDate><ReferralNFA>false</ReferralNFA>", "<CINreferralDate>2024-08-10</CINreferralDate><ReferralNFA>false</ReferralNFA>")),
                .good("second referral on the closure day", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-09-01</CINclosureDate><ReferralNFA>false</ReferralNFA>", "<CINreferralDate>2024-09-01</CINreferralDate><ReferralNFA>false</ReferralNFA>")),
             ]) { child, out in
            let dated = child.episodes.filter { $0.day(.referralDate) != nil }
            guard dated.count > 1 else { return }
            let reference = out.context.census?.referenceDate
            for a in dated {
                let r = a.day(.referralDate)!
                let other = dated.first { b in
                    guard b.index != a.index, r >= b.day(.referralDate)! else { return false }
                    if let c = b.day(.closureDate) { return r < c }
                    guard let reference else { return false }
                    return r < reference && isFalseFlag(b[.referralNFA])
                }
                guard let b = other else { continue }
                let end: Message = b.day(.closureDate).map { "closes on \($0)" } ?? "is still open"
                out.report("referral of \(r) falls inside another episode", at: a[.referralDate]!, of: a,
                           notes: [out.note("the other episode is referred on \(b.day(.referralDate)!) and \(end)", at: b[.referralDate]!, of: b)])
            }
        },
    ]
}
