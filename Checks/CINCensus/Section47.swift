import Check
import Model

extension CINCensus {
    /// Section 47 enquiries and their initial child protection conferences.
    static let section47: [Rule] = [
        .cin("2884", "icpc-recorded-twice", .consistency,
             fields: ["DateOfInitialCPC"],
             message: "An initial child protection conference is recorded at both the S47 and CIN Details level and it should only be recorded in one",
             rationale: "An initial conference that follows a section 47 enquiry is recorded in the enquiry; the episode-level date is for a conference without an enquiry in the episode. The same date in both is one conference recorded twice.",
             examples: [
                .bad("same date in the episode and the enquiry", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><DateOfInitialCPC>2024-07-01</DateOfInitialCPC><Section47><S47ActualStartDate>2024-06-11</S47ActualStartDate><DateOfInitialCPC>2024-07-01</DateOfInitialCPC></Section47>")),
                .good("only in the enquiry", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Section47><S47ActualStartDate>2024-06-11</S47ActualStartDate><DateOfInitialCPC>2024-07-01</DateOfInitialCPC></Section47>")),
             ]) { child, out in
            for episode in child.episodes {
                guard let top = episode[.initialCPCDate], let d = top.day else { continue }
                for s47 in episode.children(.section47) {
                    guard let icpc = s47[.initialCPCDate], icpc.day == d else { continue }
                    out.report("the initial conference of \(d) is recorded both in the episode and in its section 47 enquiry", at: top, of: episode,
                               notes: [out.note("the enquiry records it here", at: icpc, of: s47)])
                    break
                }
            }
        },
        .cin("8615", "s47-start-missing-or-after-icpc", .consistency,
             fields: ["S47ActualStartDate", "DateOfInitialCPC"],
             message: "Section 47 Enquiry Start Date must be present and cannot be later than the date of the initial Child Protection Conference",
             rationale: "The initial conference follows the enquiry that leads to it, so an enquiry with a conference date has a start date on or before it.",
             examples: [
                .bad("conference before the enquiry", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Section47><S47ActualStartDate>2024-07-11</S47ActualStartDate><DateOfInitialCPC>2024-07-01</DateOfInitialCPC></Section47>")),
                .bad("conference and no start date", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Section47><DateOfInitialCPC>2024-07-01</DateOfInitialCPC></Section47>")),
                .good("conference after the enquiry starts", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Section47><S47ActualStartDate>2024-06-11</S47ActualStartDate><DateOfInitialCPC>2024-07-01</DateOfInitialCPC></Section47>")),
             ]) { child, out in
            for s47 in child.records(.section47) {
                guard let icpc = s47[.initialCPCDate], let c = icpc.day else { continue }
                let start = s47[.startDate]
                if let s = start?.day {
                    guard s > c else { continue }
                    out.report("section 47 enquiry starts (\(s)) after its initial conference (\(c))", at: start!, of: s47,
                               notes: [out.note("the conference is recorded here", at: icpc, of: s47)])
                } else {
                    out.report("section 47 enquiry with an initial conference on \(c) has no valid start date", at: start, or: s47,
                               missing: "S47ActualStartDate")
                }
            }
        },
        .cin("8715", "icpc-outside-census-year", .consistency,
             fields: ["DateOfInitialCPC", "ReferenceDate"],
             message: "Date of Initial Child Protection Conference must fall within the census year",
             rationale: "The census includes enquiries whose conference was held during the year; a date outside it is wrong or belongs to another return.",
             examples: [
                .bad("conference before the census year", exampleChild("<CINreferralDate>2024-01-10</CINreferralDate><Section47><S47ActualStartDate>2024-01-11</S47ActualStartDate><DateOfInitialCPC>2024-02-01</DateOfInitialCPC></Section47>")),
                .good("conference in the census year", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Section47><S47ActualStartDate>2024-06-11</S47ActualStartDate><DateOfInitialCPC>2024-07-01</DateOfInitialCPC></Section47>")),
             ]) { child, out in
            guard let census = out.context.census else { return }
            for s47 in child.records(.section47) {
                guard let icpc = s47[.initialCPCDate], let c = icpc.day, !census.contains(c) else { continue }
                out.report("initial conference on \(c) is outside the census year (\(census.start) to \(census.referenceDate))", at: icpc, of: s47)
            }
        },
        .cin("8740", "open-s47-start-outside-census-year", .consistency,
             fields: ["S47ActualStartDate", "DateOfInitialCPC", "ICPCnotRequired"],
             message: "For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the end of the census year, the start date must fall within the census year",
             rationale: "An enquiry still waiting for its conference at the end of the year started during it: enquiries lead to a conference within 15 working days.",
             examples: [
                .bad("waiting since before the census year", exampleChild("<CINreferralDate>2024-01-10</CINreferralDate><Section47><S47ActualStartDate>2024-01-11</S47ActualStartDate><ICPCnotRequired>false</ICPCnotRequired></Section47>")),
                .good("waiting since March", exampleChild("<CINreferralDate>2025-03-20</CINreferralDate><Section47><S47ActualStartDate>2025-03-21</S47ActualStartDate><ICPCnotRequired>false</ICPCnotRequired></Section47>")),
             ]) { child, out in
            guard let census = out.context.census else { return }
            for s47 in child.records(.section47) {
                guard s47.day(.initialCPCDate) == nil, isFalseFlag(s47[.icpcNotRequired]),
                      let start = s47[.startDate], let s = start.day, !census.contains(s) else { continue }
                out.report("section 47 enquiry with no initial conference yet starts on \(s), outside the census year (\(census.start) to \(census.referenceDate))",
                           at: start, of: s47)
            }
        },
        .cin("8839", "several-open-s47", .consistency,
             fields: ["DateOfInitialCPC"],
             message: "Within one CINDetails group there are 2 or more open S47 Assessments",
             rationale: "An episode has at most one section 47 enquiry waiting for its initial conference (no conference date and not marked 'not required').",
             examples: [
                .bad("two enquiries waiting", exampleChild("<CINreferralDate>2025-03-10</CINreferralDate><Section47><S47ActualStartDate>2025-03-11</S47ActualStartDate><ICPCnotRequired>false</ICPCnotRequired></Section47><Section47><S47ActualStartDate>2025-03-20</S47ActualStartDate><ICPCnotRequired>false</ICPCnotRequired></Section47>")),
                .good("the first not requiring a conference", exampleChild("<CINreferralDate>2025-03-10</CINreferralDate><Section47><S47ActualStartDate>2025-03-11</S47ActualStartDate><ICPCnotRequired>true</ICPCnotRequired></Section47><Section47><S47ActualStartDate>2025-03-20</S47ActualStartDate><ICPCnotRequired>false</ICPCnotRequired></Section47>")),
             ]) { child, out in
            for episode in child.episodes {
                let open = episode.children(.section47).filter { $0.day(.initialCPCDate) == nil && !isTrueFlag($0[.icpcNotRequired]) }
                guard open.count > 1 else { continue }
                out.report("\(open.count) section 47 enquiries in this episode are waiting for an initial conference; at most one may be",
                           at: open[1], missing: "DateOfInitialCPC",
                           notes: [out.note("another enquiry waiting, starting \(shown(open[0][.startDate])), is here", at: open[0])])
            }
        },
        .cin("8870Q", "icpc-target-at-weekend", .procedure,
             fields: ["InitialCPCtarget"],
             message: "Please check and either amend or provide a reason: The Target Date for Initial Child Protection Conference should not be a weekend",
             rationale: "The target date is 15 working days after the strategy discussion, so it is a weekday.",
             examples: [
                .bad("target on a Saturday", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Section47><S47ActualStartDate>2024-06-11</S47ActualStartDate><InitialCPCtarget>2024-07-06</InitialCPCtarget></Section47>")),
                .good("target on a Tuesday", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Section47><S47ActualStartDate>2024-06-11</S47ActualStartDate><InitialCPCtarget>2024-07-02</InitialCPCtarget></Section47>")),
             ]) { child, out in
            weekend(child, &out, .icpcTargetDate, "target date for the initial conference")
        },
        .cin("8875", "icpc-at-weekend", .consistency,
             fields: ["DateOfInitialCPC"],
             message: "The Date of Initial Child Protection Conference cannot be a weekend",
             rationale: "Conferences are held on working days; a weekend date is a mistake.",
             examples: [
                .bad("conference on a Sunday", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Section47><S47ActualStartDate>2024-06-11</S47ActualStartDate><DateOfInitialCPC>2024-07-07</DateOfInitialCPC></Section47>")),
                .good("conference on a Monday", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Section47><S47ActualStartDate>2024-06-11</S47ActualStartDate><DateOfInitialCPC>2024-07-08</DateOfInitialCPC></Section47>")),
             ]) { child, out in
            weekend(child, &out, .initialCPCDate, "initial conference")
        },
        .cin("8890", "s47-overlap", .consistency,
             fields: ["S47ActualStartDate"],
             message: "A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing",
             rationale: "Within an episode one section 47 enquiry is made at a time: an enquiry does not start on or between another's start and its conference (or the end of the year, if that one still awaits a conference).",
             examples: [
                .bad("second starts before the first's conference", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Section47><S47ActualStartDate>2024-06-11</S47ActualStartDate><DateOfInitialCPC>2024-07-01</DateOfInitialCPC></Section47><Section47><S47ActualStartDate>2024-06-20</S47ActualStartDate><DateOfInitialCPC>2024-07-10</DateOfInitialCPC></Section47>")),
                .good("second starts after the first's conference", exampleChild("<CINreferralDate>2024-06-10</CINreferralDate><Section47><S47ActualStartDate>2024-06-11</S47ActualStartDate><DateOfInitialCPC>2024-07-01</DateOfInitialCPC></Section47><Section47><S47ActualStartDate>2024-07-02</S47ActualStartDate><DateOfInitialCPC>2024-07-22</DateOfInitialCPC></Section47>")),
             ]) { child, out in
            let reference = out.context.census?.referenceDate
            for episode in child.episodes {
                let list = episode.children(.section47).filter { $0.day(.startDate) != nil }
                guard list.count > 1 else { continue }
                for a in list {
                    let s = a.day(.startDate)!, c = a.day(.initialCPCDate)
                    let other = list.first { b in
                        let bs = b.day(.startDate)!, bc = b.day(.initialCPCDate)
                        // The same dates are the same enquiry recorded twice, not an overlap.
                        guard !(bs == s && bc == c), s >= bs else { return false }
                        if let bc { return s <= bc }
                        guard let reference, !isTrueFlag(b[.icpcNotRequired]) else { return false }
                        return s <= reference
                    }
                    guard let b = other else { continue }
                    let end: Message = b.day(.initialCPCDate).map { "has its conference on \($0)" } ?? "is still waiting for its conference"
                    out.report("section 47 enquiry starts on \(s) while another enquiry is ongoing", at: a[.startDate]!, of: a,
                               notes: [out.note("the other enquiry starts on \(b.day(.startDate)!) and \(end)", at: b[.startDate]!, of: b)])
                }
            }
        },
    ]

    private static func weekend(_ child: Child, _ out: inout Findings, _ key: FieldKey, _ what: String) {
        for s47 in child.records(.section47) {
            guard let field = s47[key], let d = field.day, d.isWeekend else { continue }
            out.report("\(what) \(d) is a \(d.weekday == 6 ? "Saturday" : "Sunday")", at: field, of: s47)
        }
    }
}
