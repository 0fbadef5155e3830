import Testing
@testable import Model

/// The model's own names are constants (`ModelName`): each must still be the symbol its
/// text interns to, so a field named in a profile, pack or interchange file is the one a
/// rule reads.
@Suite struct ModelNameTests {
    @Test func everyModelNameIsTheSymbolOfItsText() {
        for name in ModelName.allCases {
            let text = "\(name)"
            #expect(Symbol(text) == Symbol(name), "\(text)")
            #expect(Symbol(name).name == text)
        }
    }

    @Test func keysAndKindsNamedInSwiftReadTheirOwnNames() {
        #expect(FieldKey.referralDate == FieldKey("referralDate"))
        #expect(FieldKey.referralDate.name == "referralDate")
        #expect(FieldKey.incidentID.name == "incidentID")
        #expect(RecordKind.cinEpisode == RecordKind("cinEpisode"))
        #expect(RecordKind.missingEpisode.name == "missingEpisode")
        #expect(FieldKey.date != FieldKey.endDate)
    }

    @Test func otherNamesAreNumberedAfterTheModelsOwn() {
        let text = "a name no model declares"
        let other = Symbol(text)
        #expect(other.rawValue >= UInt32(ModelName.allCases.count))
        #expect(other.name == text)
    }
}
