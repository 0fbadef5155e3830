import Foundation
import Model
import Pipeline
import Testing

/// A return for a test: the header of collection `year` and the given `<Child>` elements.
func censusReturn(year: Int = 2025, _ children: String...) -> String {
    """
    <Message><Header><CollectionDetails><Collection>CIN</Collection><Year>\(year)</Year><ReferenceDate>\(year)-03-31</ReferenceDate></CollectionDetails>
    <Source><SourceLevel>L</SourceLevel><LEA>201</LEA><SoftwareCode>test</SoftwareCode><Release>1</Release><SerialNo>1</SerialNo><DateTime>\(year)-04-01T09:00:00</DateTime></Source></Header>
    <Children>
    \(children.joined(separator: "\n"))
    </Children></Message>
    """
}

/// A `<Child>` with an id (none when nil), identifiers, disabilities and episodes.
func censusChild(_ id: String?, ids: String = "<PersonBirthDate>2015-01-01</PersonBirthDate><Sex>F</Sex>",
                 disabilities: String = "<Disability>NONE</Disability>", _ episodes: String...) -> String {
    "<Child><ChildIdentifiers>\(id.map { "<LAchildID>\($0)</LAchildID>" } ?? "")\(ids)</ChildIdentifiers>"
        + "<ChildCharacteristics><Ethnicity>WBRI</Ethnicity><Disabilities>\(disabilities)</Disabilities></ChildCharacteristics>"
        + episodes.map { "<CINdetails>\($0)</CINdetails>" }.joined() + "</Child>"
}

/// Lints a return given as text with the rules `select`, as `caselint check` would.
func lintText(_ xml: String, select: [String]) throws -> [Diagnostic] {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("caselint-\(UUID()).xml")
    try xml.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    var options = LintOptions(paths: [url.path])
    options.select = select
    return Linter(options: options).run().diagnostics
}

extension [Diagnostic] {
    /// `RULE child` for each finding (`-` for no child id).
    var pairs: Set<String> { Set(map { "\($0.ruleID) \($0.childID ?? "-")" }) }
}

/// caselint's behaviour where it differs from csc-validator-be-cin; each test names the
/// section of docs/cin-peer-differences.md that explains why.
@Suite struct PeerDifferenceTests {
    // MARK: booleans
    @Test func booleansInAnyCase() throws {
        let found = try lintText(censusReturn(censusChild("A1", "<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>FALSE</ReferralNFA>")),
                                 select: ["CIN8610", "CIN8568"])
        #expect(found.pairs == ["CIN8610 A1"])
    }

    @Test func s47WaitingWithFalseFlag() throws {
        let found = try lintText(censusReturn(censusChild("A1", "<CINreferralDate>2024-01-10</CINreferralDate><ReferralNFA>false</ReferralNFA><Section47><S47ActualStartDate>2024-01-11</S47ActualStartDate><ICPCnotRequired>false</ICPCnotRequired></Section47>")),
                                 select: ["CIN8740"])
        #expect(found.pairs == ["CIN8740 A1"])
    }

    @Test func conferenceNotRequiredAsTrue() throws {
        let found = try lintText(censusReturn(censusChild("A1", "<CINreferralDate>2024-06-10</CINreferralDate><DateOfInitialCPC>2024-07-01</DateOfInitialCPC><ReferralNFA>false</ReferralNFA><Section47><S47ActualStartDate>2024-06-11</S47ActualStartDate><ICPCnotRequired>true</ICPCnotRequired></Section47><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate></ChildProtectionPlans>")),
                                 select: ["CIN2885"])
        #expect(found.isEmpty)
    }

    // MARK: reviews-first-date, empty-reviews-group
    @Test func everyReviewDateIsChecked() throws {
        let found = try lintText(censusReturn(censusChild("A1", "<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>false</ReferralNFA><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><Reviews><CPPreviewDate>2024-09-01</CPPreviewDate><CPPreviewDate>2024-07-01</CPPreviewDate></Reviews></ChildProtectionPlans>")),
                                 select: ["CIN8841"])
        #expect(found.pairs == ["CIN8841 A1"])
    }

    @Test func emptyReviewsGroup() throws {
        let plan = "<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>false</ReferralNFA><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate>"
        let found = try lintText(censusReturn(
            censusChild("EMPTY", plan + "<Reviews></Reviews></ChildProtectionPlans>"),
            censusChild("LATER", plan + "<Reviews><CPPreviewDate></CPPreviewDate><CPPreviewDate>2024-09-01</CPPreviewDate></Reviews></ChildProtectionPlans>")),
                                 select: ["CIN8842Q"])
        #expect(found.pairs == ["CIN8842Q EMPTY"])
    }

    // MARK: plan-numbers-across-episodes
    @Test func plansInDifferentEpisodesOverlap() throws {
        let found = try lintText(censusReturn(censusChild("A1",
            "<CINreferralDate>2024-05-10</CINreferralDate><ReferralNFA>false</ReferralNFA><ChildProtectionPlans><CPPstartDate>2024-06-01</CPPstartDate><CPPendDate>2024-12-01</CPPendDate></ChildProtectionPlans>",
            "<CINreferralDate>2024-07-10</CINreferralDate><ReferralNFA>false</ReferralNFA><ChildProtectionPlans><CPPstartDate>2024-08-01</CPPstartDate></ChildProtectionPlans>")),
                                 select: ["CIN8940"])
        #expect(found.pairs == ["CIN8940 A1"])
    }

    @Test func twoOpenPlansInOneEpisode() throws {
        let found = try lintText(censusReturn(censusChild("A1",
            "<CINreferralDate>2024-05-10</CINreferralDate><ReferralNFA>false</ReferralNFA><ChildProtectionPlans><CPPstartDate>2024-06-01</CPPstartDate></ChildProtectionPlans><ChildProtectionPlans><CPPstartDate>2024-08-01</CPPstartDate></ChildProtectionPlans>")),
                                 select: ["CIN8935"])
        #expect(found.pairs == ["CIN8935 A1"])
    }

    // MARK: temporary-former-upn
    @Test func temporaryFormerUPN() throws {
        let found = try lintText(censusReturn(
            censusChild("TEMP", ids: "<FormerUPN>X98765432123B</FormerUPN>", "<CINreferralDate>2024-06-10</CINreferralDate>"),
            censusChild("SHORT", ids: "<FormerUPN>X9876543212</FormerUPN>", "<CINreferralDate>2024-06-10</CINreferralDate>")),
                                 select: ["CIN1560Q"])
        #expect(found.pairs == ["CIN1560Q SHORT"])
    }

    // MARK: disability-codes-2887Q
    @Test func disabilityCodesAreCountedNotNoneRows() throws {
        let eight = ["HAND", "HEAR", "VIS", "MOB", "PC", "INC", "COMM", "LD"].enumerated().map { i, code in
            censusChild("C\(i)", disabilities: "<Disability>\(code)</Disability>", "<CINreferralDate>2024-06-10</CINreferralDate>")
        }
        let manyCodes = try lintText(censusReturn(eight[0], eight[1], eight[2], eight[3], eight[4], eight[5], eight[6], eight[7]),
                                     select: ["CIN2887Q"])
        #expect(manyCodes.isEmpty)
        let none = (0..<9).map { censusChild("N\($0)", "<CINreferralDate>2024-06-10</CINreferralDate>") }
        let onlyNone = try lintText(censusReturn(none[0], none[1], none[2], none[3], none[4], none[5], none[6], none[7], none[8]),
                                    select: ["CIN2887Q"])
        #expect(onlyNone.pairs == ["CIN2887Q -"])
    }

    // MARK: sex-2886Q-before-2024-25
    @Test func genderNotRecordedBefore2024to25() throws {
        let found = try lintText(censusReturn(year: 2024, censusChild("A1", ids: "<PersonBirthDate>2015-01-01</PersonBirthDate><GenderCurrent>0</GenderCurrent>",
                                                                      "<CINreferralDate>2023-06-10</CINreferralDate>")),
                                 select: ["CIN2886Q"])
        #expect(found.pairs == ["CIN2886Q -"])
    }

    // MARK: rules-that-never-report, rules-that-fail
    @Test func rulesThePeerCannotReport() throws {
        let episode = "<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>false</ReferralNFA><Assessments><AssessmentActualStartDate>2024-06-11</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-07-11</AssessmentAuthorisationDate><FactorsIdentifiedAtAssessment>"
        let found = try lintText(censusReturn(
            censusChild("D8540", disabilities: "", "<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>false</ReferralNFA>"),
            censusChild("D8869", episode + "<AssessmentFactors>21</AssessmentFactors><AssessmentFactors>3B</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>"),
            censusChild("D8898", episode + "<AssessmentFactors>3B</AssessmentFactors><AssessmentFactors>3B</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>"),
            censusChild("D8945Q", episode + "<AssessmentFactors>18A</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>"),
            censusChild("D8950Q", episode + "<AssessmentFactors>19A</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>"),
            censusChild("D8870Q", "<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>false</ReferralNFA><Section47><S47ActualStartDate>2024-06-11</S47ActualStartDate><InitialCPCtarget>2024-07-06</InitialCPCtarget></Section47>"),
            censusChild("D8614", "<CINreferralDate>2025-03-10</CINreferralDate><ReferralNFA>false</ReferralNFA><Assessments><AssessmentActualStartDate>2025-03-11</AssessmentActualStartDate><FactorsIdentifiedAtAssessment><AssessmentFactors>3B</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>")),
                                 select: ["CIN8540", "CIN8869", "CIN8898", "CIN8945Q", "CIN8950Q", "CIN8870Q", "CIN8614"])
        #expect(found.pairs == ["CIN8540 D8540", "CIN8869 D8869", "CIN8898 D8898", "CIN8945Q D8945Q", "CIN8950Q D8950Q",
                                "CIN8870Q D8870Q", "CIN8614 D8614"])
    }

    @Test func planEndingAfterClosure() throws {
        let found = try lintText(censusReturn(censusChild("A1", "<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-09-01</CINclosureDate><ReasonForClosure>RC7</ReasonForClosure><ReferralNFA>false</ReferralNFA><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><CPPendDate>2024-10-01</CPPendDate></ChildProtectionPlans>")),
                                 select: ["CIN8565"])
        #expect(found.pairs == ["CIN8565 A1"])
        #expect(found.first?.message.redacted == "episode closes on 2024-09-01, but a child protection plan ends after it, on 2024-10-01")
    }

    // MARK: 8832-wrong-child
    @Test func planForNoFurtherAction() throws {
        let found = try lintText(censusReturn(
            censusChild("FURTHER", "<CINreferralDate>2024-05-10</CINreferralDate><ReferralNFA>false</ReferralNFA><ChildProtectionPlans><CPPstartDate>2024-06-01</CPPstartDate></ChildProtectionPlans>"),
            censusChild("NFA", "<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>true</ReferralNFA><ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate></ChildProtectionPlans>")),
                                 select: ["CIN8832"])
        #expect(found.pairs == ["CIN8832 NFA"])
    }

    // MARK: dates-outside-pandas-range, non-iso-dates
    @Test func datesBeforePandasTimestamps() {
        let result = lint(["fixtures/samples/cin-census/CIN_Census_2021.xml"], select: ["CIN8525Q", "CIN8530Q"], ruleset: "cin2024_25")
        #expect(result.findings == ["CIN8525Q DfEX0000001", "CIN8530Q DfEX0000001"])
    }

    @Test func nonISODateIsMissing() throws {
        let found = try lintText(censusReturn(censusChild("A1", "<CINreferralDate>2024-06-03</CINreferralDate><ReferralNFA>false</ReferralNFA><Assessments><AssessmentActualStartDate>2024-06-04</AssessmentActualStartDate><AssessmentAuthorisationDate>15/07/2024</AssessmentAuthorisationDate></Assessments>")),
                                 select: ["MAP003", "CIN8670Q"])
        #expect(found.pairs == ["MAP003 A1", "CIN8670Q A1"])
    }

    // MARK: children-joined-by-id
    @Test func childrenWithOneIdAreKeptApart() throws {
        let found = try lintText(censusReturn(
            censusChild("A1", "<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-06-10</CINclosureDate><ReasonForClosure>RC7</ReasonForClosure><ReferralNFA>true</ReferralNFA>"),
            censusChild("A1", disabilities: "<Disability>HAND</Disability>",
                        "<CINreferralDate>2024-09-10</CINreferralDate><CINclosureDate>2024-09-10</CINclosureDate><ReasonForClosure>RC7</ReasonForClosure><ReferralNFA>true</ReferralNFA>")),
                                 select: ["CIN8510", "CIN8790", "CIN8794"])
        // The peer also finds 8790 here: NONE of one child and HAND of the other.
        #expect(found.pairs == ["CIN8510 A1"])
        #expect(found.first?.notes.count == 1)
    }

    @Test func childrenWithoutIdsAreNotDuplicates() throws {
        let episode = "<CINreferralDate>2024-06-10</CINreferralDate><CINclosureDate>2024-06-10</CINclosureDate><ReasonForClosure>RC7</ReasonForClosure><ReferralNFA>true</ReferralNFA>"
        let found = try lintText(censusReturn(censusChild(nil, episode), censusChild(nil, episode)), select: ["CIN8500", "CIN8510"])
        #expect(found.map(\.ruleID) == ["CIN8500", "CIN8500"])
    }

    // MARK: episode-level-joins
    @Test func conferenceInAnotherEpisode() throws {
        let found = try lintText(censusReturn(censusChild("A1",
            "<CINreferralDate>2024-05-10</CINreferralDate><CINclosureDate>2024-06-20</CINclosureDate><DateOfInitialCPC>2024-07-01</DateOfInitialCPC><ReferralNFA>false</ReferralNFA>",
            "<CINreferralDate>2024-06-21</CINreferralDate><ReferralNFA>false</ReferralNFA><Section47><S47ActualStartDate>2024-06-21</S47ActualStartDate><DateOfInitialCPC>2024-07-01</DateOfInitialCPC></Section47>")),
                                 select: ["CIN2884"])
        #expect(found.isEmpty)
    }

    @Test func reviewDuringCINPlanOfOpenPlan() throws {
        let found = try lintText(censusReturn(censusChild("A1", "<CINreferralDate>2024-06-10</CINreferralDate><ReferralNFA>false</ReferralNFA><CINPlanDates><CINPlanStartDate>2024-06-15</CINPlanStartDate><CINPlanEndDate>2024-12-01</CINPlanEndDate></CINPlanDates><ChildProtectionPlans><CPPstartDate>2024-06-20</CPPstartDate><Reviews><CPPreviewDate>2024-09-20</CPPreviewDate></Reviews></ChildProtectionPlans>")),
                                 select: ["CIN4003"])
        #expect(found.pairs == ["CIN4003 A1"])
    }

    @Test func un7WithoutEpisodes() throws {
        let found = try lintText(censusReturn(censusChild("A1", ids: "<UPNunknown>UN7</UPNunknown><PersonBirthDate>2015-01-01</PersonBirthDate><Sex>F</Sex>")),
                                 select: ["CIN8772", "CIN8590"])
        #expect(found.pairs == ["CIN8590 A1"])
    }
}
