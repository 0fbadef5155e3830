import Model
import Testing

/// The spellings of yes and no that a field's value may take, and nothing else.
@Suite struct YesNoTests {
    @Test func theAcceptedSpellingsAndNoOthers() {
        for yes in ["true", "TRUE", "True", "1", "Y", "y", "yes", "Yes", "YES"] { #expect(Field.parseBool(yes) == true, "\(yes)") }
        for no in ["false", "FALSE", "False", "0", "N", "n", "no", "No", "NO"] { #expect(Field.parseBool(no) == false, "\(no)") }
        for other in ["", " ", "t", "f", "2", "tRUE", "yES", "nO", "fALSE", "yess", "truE", "ye", "nah", "falsey", "Y ", " N", "é", "ñ", "1.0"] {
            #expect(Field.parseBool(other) == nil, "\(other)")
        }
    }
}
