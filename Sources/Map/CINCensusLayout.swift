import Model

/// The DfE Children in Need census XML, 2023-24 (`GenderCurrent`) to 2026-27 (`Sex`,
/// `PreProceedingsandFGDM`).
extension XMLLayout {
    public static let cinCensus: XMLLayout = {
        typealias S = XMLLayout.Spec
        let header = S("Header", .header, [
            S("CollectionDetails", .container, [
                .field("Collection", .collection),
                .field("Year", .year),
                .field("ReferenceDate", .referenceDate),
            ]),
            S("Source", .container, [
                .field("SourceLevel", FieldKey("sourceLevel")),
                .field("LEA", .lea),
                .field("SoftwareCode", FieldKey("softwareCode")),
                .field("Release", FieldKey("release")),
                .field("SerialNo", FieldKey("serialNo")),
                .field("DateTime", FieldKey("dateTime")),
            ]),
        ])
        let identifiers = S("ChildIdentifiers", .container, [
            .field("LAchildID", .laChildID),
            .field("UPN", .upn),
            .field("FormerUPN", .formerUPN),
            .field("UPNunknown", .upnUnknown),
            .field("PersonBirthDate", .birthDate),
            .field("ExpectedPersonBirthDate", .expectedBirthDate),
            .field("GenderCurrent", .genderCurrent),
            .field("Sex", .sex),
            .field("PersonDeathDate", .deathDate),
        ])
        let characteristics = S("ChildCharacteristics", .container, [
            .field("Ethnicity", .ethnicity),
            S("Disabilities", .container, [.field("Disability", .disability, repeats: true)]),
        ])
        let assessment = S("Assessments", .record(.assessment), [
            .field("AssessmentActualStartDate", .startDate),
            .field("AssessmentInternalReviewDate", .internalReviewDate),
            .field("AssessmentAuthorisationDate", .authorisationDate),
            S("FactorsIdentifiedAtAssessment", .container, [.field("AssessmentFactors", .factor, repeats: true)]),
        ])
        let cinPlan = S("CINPlanDates", .record(.cinPlan), [
            .field("CINPlanStartDate", .startDate),
            .field("CINPlanEndDate", .endDate),
        ])
        let section47 = S("Section47", .record(.section47), [
            .field("S47ActualStartDate", .startDate),
            .field("InitialCPCtarget", .icpcTargetDate),
            .field("DateOfInitialCPC", .initialCPCDate),
            .field("ICPCnotRequired", .icpcNotRequired),
        ])
        let cpPlan = S("ChildProtectionPlans", .record(.cpPlan), [
            .field("CPPstartDate", .startDate),
            .field("CPPendDate", .endDate),
            .field("InitialCategoryOfAbuse", .initialCategory),
            .field("LatestCategoryOfAbuse", .latestCategory),
            .field("NumberOfPreviousCPP", .previousPlans),
            // A Reviews group is a record of its own: the DfE's rule 8842Q asks about the
            // group ("a Reviews group with no valid date"), so an empty group must be seen.
            S("Reviews", .record(.cpReviews), [S("CPPreviewDate", .valueRecord(.cpReview, .date))]),
        ])
        let preProceedings = S("PreProceedingsandFGDM", .record(.preProceedings), [
            .field("PPStartDate", .startDate),
            .field("LBPSentDate", FieldKey("lbpSentDate")),
            .field("FGDMMeetingOffer", FieldKey("fgdmMeetingOffer")),
            .field("FGDMMeetingFac", FieldKey("fgdmMeetingFac")),
            .field("InitialPPMeetingDate", FieldKey("initialPPMeetingDate")),
            .field("ReviewMeetingsCount", FieldKey("reviewMeetingsCount")),
            .field("StepDecisionDate", FieldKey("stepDecisionDate")),
            .field("PPOutcome", FieldKey("ppOutcome")),
            .field("CourtAppDate", FieldKey("courtAppDate")),
            .field("LetterInitCPDate", FieldKey("letterInitCPDate")),
        ])
        let episode = S("CINdetails", .record(.cinEpisode), [
            .field("CINreferralDate", .referralDate),
            .field("ReferralSource", .referralSource),
            .field("PrimaryNeedCode", .primaryNeed),
            .field("CINclosureDate", .closureDate),
            .field("ReasonForClosure", .closureReason),
            .field("DateOfInitialCPC", .initialCPCDate),
            .field("ReferralNFA", .referralNFA),
            assessment, cinPlan, section47, cpPlan, preProceedings,
        ])
        let child = S("Child", .child, [identifiers, characteristics, episode])
        return XMLLayout(title: "CIN census", agency: .socialCare,
                         root: S("Message", .container, [header, S("Children", .container, [child])]))
    }()
}
