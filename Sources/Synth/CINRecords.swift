/// One synthetic child of a CIN census return, as text: dates as `yyyy-mm-dd` (or anything
/// else a defect puts there), nil for an element that is left out.
struct SynthChild {
    var id: String?
    var upn: String?
    var formerUPN: String?
    var upnUnknown: String?
    var birth: String?
    var expectedBirth: String?
    /// `Sex` from 2024-25, `GenderCurrent` before.
    var sex: String?
    var death: String?
    var ethnicity: String?
    /// nil: no Disabilities element.
    var disabilities: [String]?
    var episodes: [SynthEpisode] = []
}

struct SynthEpisode {
    var referral: String?
    var source: String?
    var need: String?
    var closure: String?
    var reason: String?
    /// DateOfInitialCPC at episode level (a conference with no enquiry in the episode).
    var icpc: String?
    var nfa: String?
    var assessments: [SynthAssessment] = []
    var cinPlans: [SynthCINPlan] = []
    var enquiries: [SynthS47] = []
    var cpPlans: [SynthCPPlan] = []
}

struct SynthAssessment {
    var start: String?
    var review: String?
    var authorised: String?
    /// nil: no FactorsIdentifiedAtAssessment element.
    var factors: [String]?
}

struct SynthCINPlan {
    var start: String?
    var end: String?
}

struct SynthS47 {
    var start: String?
    var target: String?
    var icpc: String?
    var notRequired: String?
}

struct SynthCPPlan {
    var start: String?
    var end: String?
    var initial: String? = "NEG"
    var latest: String? = "NEG"
    var previous: String? = "0"
    /// Each inner list is one Reviews group; nil: no Reviews element.
    var reviews: [[String]]?
}

/// Writes a CIN census return as it goes, in the DfE's element order, buffered into large
/// writes so that a file of hundreds of megabytes costs a few of them a second.
final class CINWriter {
    private var buffer: [UInt8] = []
    private let sink: (UnsafeRawBufferPointer) -> Void
    private let genderElement: String

    /// `year` is the collection year (2025 = 2024-25): earlier returns say GenderCurrent.
    init(year: Int, sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.sink = sink
        genderElement = year >= 2025 ? "Sex" : "GenderCurrent"
        buffer.reserveCapacity(1 << 20)
    }

    func header(year: Int, referenceDate: String, lea: String, generated: String) {
        put("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- Synthetic CIN census return written by caselint synth cin. No real person. -->
            <Message>
              <Header>
                <CollectionDetails>
                  <Collection>CIN</Collection>
                  <Year>\(year)</Year>
                  <ReferenceDate>\(referenceDate)</ReferenceDate>
                </CollectionDetails>
                <Source>
                  <SourceLevel>L</SourceLevel>
                  <LEA>\(lea)</LEA>
                  <SoftwareCode>caselint synth</SoftwareCode>
                  <Release>1</Release>
                  <SerialNo>1</SerialNo>
                  <DateTime>\(generated)</DateTime>
                </Source>
              </Header>
              <Children>

            """)
    }

    func child(_ c: SynthChild) {
        put("    <Child>\n      <ChildIdentifiers>\n")
        value(8, "LAchildID", c.id)
        value(8, "UPN", c.upn)
        value(8, "FormerUPN", c.formerUPN)
        value(8, "UPNunknown", c.upnUnknown)
        value(8, "PersonBirthDate", c.birth)
        value(8, "ExpectedPersonBirthDate", c.expectedBirth)
        value(8, genderElement, c.sex)
        value(8, "PersonDeathDate", c.death)
        put("      </ChildIdentifiers>\n      <ChildCharacteristics>\n")
        value(8, "Ethnicity", c.ethnicity)
        if let list = c.disabilities {
            put("        <Disabilities>\n")
            for d in list { value(10, "Disability", d) }
            put("        </Disabilities>\n")
        }
        put("      </ChildCharacteristics>\n")
        for e in c.episodes { episode(e) }
        put("    </Child>\n")
        if buffer.count > 1 << 20 { flush() }
    }

    private func episode(_ e: SynthEpisode) {
        put("      <CINdetails>\n")
        value(8, "CINreferralDate", e.referral)
        value(8, "ReferralSource", e.source)
        value(8, "PrimaryNeedCode", e.need)
        value(8, "CINclosureDate", e.closure)
        value(8, "ReasonForClosure", e.reason)
        value(8, "DateOfInitialCPC", e.icpc)
        value(8, "ReferralNFA", e.nfa)
        for a in e.assessments {
            put("        <Assessments>\n")
            value(10, "AssessmentActualStartDate", a.start)
            value(10, "AssessmentInternalReviewDate", a.review)
            value(10, "AssessmentAuthorisationDate", a.authorised)
            if let factors = a.factors {
                put("          <FactorsIdentifiedAtAssessment>\n")
                for f in factors { value(12, "AssessmentFactors", f) }
                put("          </FactorsIdentifiedAtAssessment>\n")
            }
            put("        </Assessments>\n")
        }
        for p in e.cinPlans {
            put("        <CINPlanDates>\n")
            value(10, "CINPlanStartDate", p.start)
            value(10, "CINPlanEndDate", p.end)
            put("        </CINPlanDates>\n")
        }
        for s in e.enquiries {
            put("        <Section47>\n")
            value(10, "S47ActualStartDate", s.start)
            value(10, "InitialCPCtarget", s.target)
            value(10, "DateOfInitialCPC", s.icpc)
            value(10, "ICPCnotRequired", s.notRequired)
            put("        </Section47>\n")
        }
        for p in e.cpPlans {
            put("        <ChildProtectionPlans>\n")
            value(10, "CPPstartDate", p.start)
            value(10, "CPPendDate", p.end)
            value(10, "InitialCategoryOfAbuse", p.initial)
            value(10, "LatestCategoryOfAbuse", p.latest)
            value(10, "NumberOfPreviousCPP", p.previous)
            if let groups = p.reviews {
                for g in groups {
                    put("          <Reviews>\n")
                    for r in g { value(12, "CPPreviewDate", r) }
                    put("          </Reviews>\n")
                }
            }
            put("        </ChildProtectionPlans>\n")
        }
        put("      </CINdetails>\n")
    }

    func footer() {
        put("  </Children>\n</Message>\n")
        flush()
    }

    private func value(_ indent: Int, _ name: String, _ text: String?) {
        guard let text else { return }
        for _ in 0..<indent { buffer.append(32) }
        buffer.append(60)
        buffer.append(contentsOf: name.utf8)
        buffer.append(62)
        for b in text.utf8 {
            switch b {
            case 60: buffer.append(contentsOf: "&lt;".utf8)
            case 62: buffer.append(contentsOf: "&gt;".utf8)
            case 38: buffer.append(contentsOf: "&amp;".utf8)
            default: buffer.append(b)
            }
        }
        buffer.append(contentsOf: "</".utf8)
        buffer.append(contentsOf: name.utf8)
        buffer.append(contentsOf: ">\n".utf8)
    }

    private func put(_ s: String) { buffer.append(contentsOf: s.utf8) }

    private func flush() {
        buffer.withUnsafeBytes { sink($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
