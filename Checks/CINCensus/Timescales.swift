import Check
import Model

extension CINCensus {
    /// Statutory timescales counted in working days from the end of the census year.
    ///
    /// The DfE counts the reference date as the first of the working days ("reference date
    /// minus 45 working days" is 44 working days before it), as the DfE's validator does.
    static let timescales: [Rule] = [
        .cin("8670Q", "assessment-open-over-45-working-days", .procedure,
             fields: ["AssessmentActualStartDate", "AssessmentAuthorisationDate"],
             message: "Please check and either amend data or provide a reason: Assessment started more than 45 working days before the end of the census year. However, there is no Assessment end date.",
             rationale: "Working Together sets a maximum of 45 working days from referral to the end of an assessment; an assessment still open after that needs a reason.",
             examples: [
                .bad("assessment open since October", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-10-01</CINreferralDate>
                    <Assessments><AssessmentActualStartDate>2024-10-01</AssessmentActualStartDate></Assessments></CINdetails></Child>
                    """),
                .good("assessment started in March", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2025-03-03</CINreferralDate>
                    <Assessments><AssessmentActualStartDate>2025-03-03</AssessmentActualStartDate></Assessments></CINdetails></Child>
                    """),
                .good("assessment completed", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2024-10-01</CINreferralDate>
                    <Assessments><AssessmentActualStartDate>2024-10-01</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-11-01</AssessmentAuthorisationDate></Assessments></CINdetails></Child>
                    """),
             ]) { child, out in
            guard let census = out.context.census else { return }
            let open = child.records(.assessment).filter { $0.day(.authorisationDate) == nil }
            guard !open.isEmpty else { return }
            let calendar = out.context.calendar
            let limit = calendar.adding(workingDays: -44, to: census.referenceDate)
            for assessment in open {
                guard assessment.day(.authorisationDate) == nil,
                      let start = assessment[.startDate], let s = start.day, s < limit else { continue }
                let days = calendar.workingDays(from: s, to: census.referenceDate + 1)
                out.report("assessment started on \(s) and has no completion date: \(days) working days to the end of the census year (\(census.referenceDate)), more than 45",
                           at: start, of: assessment)
            }
        },
        .cin("8675Q", "s47-without-icpc-over-15-working-days", .procedure,
             fields: ["S47ActualStartDate", "DateOfInitialCPC", "ICPCnotRequired"],
             message: "Please check and either amend data or provide a reason: S47 Enquiry started more than 15 working days before the end of the census year. However, there is no date of Initial Child Protection Conference.",
             rationale: "Working Together: an initial child protection conference is held within 15 working days of the strategy discussion that started the enquiry.",
             examples: [
                .bad("enquiry from January, no conference, conference required", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2025-01-06</CINreferralDate>
                    <Section47><S47ActualStartDate>2025-01-06</S47ActualStartDate><ICPCnotRequired>false</ICPCnotRequired></Section47></CINdetails></Child>
                    """),
                .good("conference not required", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2025-01-06</CINreferralDate>
                    <Section47><S47ActualStartDate>2025-01-06</S47ActualStartDate><ICPCnotRequired>true</ICPCnotRequired></Section47></CINdetails></Child>
                    """),
                .good("enquiry started late in March", """
                    <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>
                    <CINdetails><CINreferralDate>2025-03-20</CINreferralDate>
                    <Section47><S47ActualStartDate>2025-03-20</S47ActualStartDate><ICPCnotRequired>false</ICPCnotRequired></Section47></CINdetails></Child>
                    """),
             ]) { child, out in
            guard let census = out.context.census else { return }
            let waiting = child.records(.section47).filter { $0.day(.initialCPCDate) == nil }
            guard !waiting.isEmpty else { return }
            let calendar = out.context.calendar
            let limit = calendar.adding(workingDays: -14, to: census.referenceDate)
            for s47 in waiting {
                guard s47.day(.initialCPCDate) == nil, isFalseFlag(s47[.icpcNotRequired]),
                      let start = s47[.startDate], let s = start.day, s < limit else { continue }
                let days = calendar.workingDays(from: s, to: census.referenceDate + 1)
                out.report("section 47 enquiry started on \(s) with no initial conference recorded: \(days) working days to the end of the census year (\(census.referenceDate)), more than 15",
                           at: start, of: s47)
            }
        },
    ]
}
