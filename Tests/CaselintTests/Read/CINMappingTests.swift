import Check
import Map
import Model
import Read
import Testing

/// Collects what the mapper builds.
final class Collected: RecordSink {
    var header: Child?
    var children: [Child] = []
    var diagnostics: [Diagnostic] = []
    func header(_ header: Child) { self.header = header }
    func child(_ child: Child) { children.append(child) }
    func diagnostic(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
}

func mapCIN(_ xml: String) -> Collected {
    let sink = Collected()
    let mapper = XMLMapper(layout: .cinCensus, file: FileID(0), sink: sink)
    if XMLReader.read(bytes: Array(xml.utf8), handler: mapper) == nil { mapper.finish() }
    return sink
}

@Suite struct CINMappingTests {
    static let return2026 = """
        <Message>
          <Header><CollectionDetails><Collection>CIN</Collection><Year>2027</Year><ReferenceDate>2027-03-31</ReferenceDate></CollectionDetails></Header>
          <Children>
            <Child>
              <ChildIdentifiers>
                <LAchildID>X1</LAchildID>
                <UPN>T850728973744</UPN>
                <PersonBirthDate>2020-01-02</PersonBirthDate>
                <Sex>U</Sex>
              </ChildIdentifiers>
              <ChildCharacteristics><Ethnicity>WBRI</Ethnicity>
                <Disabilities><Disability>HAND</Disability><Disability>HEAR</Disability></Disabilities>
              </ChildCharacteristics>
              <CINdetails>
                <CINreferralDate>2026-05-01</CINreferralDate>
                <Assessments><AssessmentActualStartDate>2026-05-02</AssessmentActualStartDate>
                  <FactorsIdentifiedAtAssessment><AssessmentFactors>3B</AssessmentFactors><AssessmentFactors>4B</AssessmentFactors></FactorsIdentifiedAtAssessment>
                </Assessments>
                <ChildProtectionPlans><CPPstartDate>2026-06-01</CPPstartDate>
                  <Reviews><CPPreviewDate>2026-08-01</CPPreviewDate><CPPreviewDate>2026-12-01</CPPreviewDate></Reviews>
                </ChildProtectionPlans>
                <PreProceedingsandFGDM><PPStartDate>2026-09-09</PPStartDate><PPOutcome>A</PPOutcome></PreProceedingsandFGDM>
                <ReferralNFA>false</ReferralNFA>
              </CINdetails>
            </Child>
          </Children>
        </Message>
        """

    @Test func mapsEveryLevelOfTheCensusIntoTheModel() throws {
        let out = mapCIN(CINMappingTests.return2026)
        #expect(out.diagnostics.isEmpty)
        #expect(out.header?.person[.referenceDate]?.day == Day(iso: "2027-03-31"))
        let child = try #require(out.children.first)
        #expect(child.laChildID == "X1")
        #expect(child.person.all(.disability).map(\.text) == ["HAND", "HEAR"])
        let episode = try #require(child.records(.cinEpisode).first)
        // ReferralNFA comes after the nested records in the file, but belongs to the episode.
        #expect(episode[.referralNFA]?.text == "false")
        let assessment = try #require(episode.children(.assessment).first)
        #expect(assessment.all(.factor).map(\.text) == ["3B", "4B"])
        let plan = try #require(episode.children(.cpPlan).first)
        #expect(plan.descendants(.cpReview).map { $0.day(.date)?.description } == ["2026-08-01", "2026-12-01"])
        #expect(plan.children(.cpReviews).count == 1)
        #expect(episode.children(.preProceedings).first?[.startDate]?.day == Day(iso: "2026-09-09"))
        #expect(plan.descendants(.cpReview).last!.logicalPath == "Child[1]/CINdetails[1]/ChildProtectionPlans[1]/Reviews[1]/CPPreviewDate[2]")
        #expect(child.person.logicalPath(of: child.person[.upn]!) == "Child[1]/ChildIdentifiers/UPN")
    }

    @Test func everyValueKnowsItsLineAndColumn() throws {
        let out = mapCIN(CINMappingTests.return2026)
        let child = try #require(out.children.first)
        let upn = try #require(child.person[.upn])
        #expect(upn.location.line == 7 && upn.location.column == 9)
        #expect(upn.valueLocation.line == 7 && upn.valueLocation.column == 14)
        let review = Array(child.records(.cpReview))[1][.date]!
        #expect(review.location.line == 20 && review.location.column == 61)
    }

    @Test func olderLayoutWithGenderCurrentMaps() throws {
        let xml = CINMappingTests.return2026.replacingOccurrences(of: "<Sex>U</Sex>", with: "<GenderCurrent>1</GenderCurrent>")
        let out = mapCIN(xml)
        #expect(out.diagnostics.isEmpty)
        #expect(out.children.first?.person[.genderCurrent]?.text == "1")
    }

    @Test func unknownElementsAreReportedNotDropped() {
        let xml = CINMappingTests.return2026.replacingOccurrences(of: "<Sex>U</Sex>", with: "<Sex>U</Sex><Nickname><First>x</First></Nickname>")
        let out = mapCIN(xml)
        #expect(out.diagnostics.map(\.ruleID) == ["MAP001"])
        #expect(out.diagnostics.first?.message.redacted == "unknown element <Nickname> in <ChildIdentifiers>; it is not checked")
        #expect(out.diagnostics.first?.location.line == 9)
    }

    @Test func invalidDatesAreDiagnosticsAtTheValueWithoutPersonalValues() throws {
        let xml = CINMappingTests.return2026
            .replacingOccurrences(of: "<PersonBirthDate>2020-01-02</PersonBirthDate>", with: "<PersonBirthDate>02/01/2020</PersonBirthDate>")
            .replacingOccurrences(of: "<CINreferralDate>2026-05-01</CINreferralDate>", with: "<CINreferralDate>2026-02-30</CINreferralDate>")
        let out = mapCIN(xml)
        #expect(out.diagnostics.map(\.ruleID) == ["MAP003", "MAP003"])
        let birth = out.diagnostics[0]
        #expect(birth.message.redacted == "PersonBirthDate is not a valid date: '[withheld]' (expected yyyy-mm-dd)")
        #expect(birth.message.revealed.contains("02/01/2020"))
        #expect(birth.location.line == 8 && birth.location.column == 26)
        #expect(out.diagnostics[1].message.redacted.contains("'2026-02-30'"))
        // The invalid date is treated as missing by rules.
        #expect(out.children.first?.records(.cinEpisode).first?.day(.referralDate) == nil)
    }
}
