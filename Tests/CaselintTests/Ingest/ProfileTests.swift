import Checks
import Foundation
import Pipeline
import Testing

@Suite(.serialized) struct ProfileTests {
    static let profile = """
        profile: police
        agency: police
        match:
          header: [REF, PERSON]
        record: policeIncident
        dates: dd-MMM-yy
        fields:
          incidentID: REF
          policePersonID: PERSON
          date: WHEN
        """

    func folder(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("caselint-profile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    @Test func aProfileBesideTheDataMapsMatchingFilesAndLeavesOthers() throws {
        let dir = try folder([
            "police.profile.yml": ProfileTests.profile,
            "incidents.csv": "REF,PERSON,WHEN\nI1,P1,03-Mar-24\nI2,P2,31-Feb-24\n",
            "other.csv": "A,B\n1,\"2\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try runCaselint(["check", "--verbose", dir.path])
        // The mapped file's bad date, and the unmatched file's syntax error, are reported.
        #expect(run.out.contains("incidents.csv:3:7: error: WHEN is not a valid date: '31-Feb-24' (expected dd-MMM-yy) [MAP003]"), "\(run.out)")
        #expect(run.out.contains("other.csv:2:3: error: the file ends inside a quoted field that starts here [CSV003]"))
        // In a folder, an unmatched file is skipped quietly, and listed with --verbose.
        #expect(run.err.contains("skipped \(dir.path)/other.csv: CSV that no profile matches (header: A, B)"))
        #expect(!run.out.contains("IO002"))
        #expect(run.out.hasSuffix("1 file, 2 children: 2 errors, 1 warning\n"), "CON009: neither child has a recorded sex")
    }

    @Test func anUnmatchedFileNamedExplicitlyIsAWarning() throws {
        let dir = try folder(["other.csv": "A,B\n1,2\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try runCaselint(["check", dir.appendingPathComponent("other.csv").path])
        #expect(run.out.contains("other.csv: warning: CSV that no profile matches (header: A, B), not an export caselint recognises; it is not checked [IO002]"))
    }

    @Test func aProfileGivenWithTheOptionIsUsed() throws {
        let data = try folder(["incidents.csv": "REF,PERSON,WHEN\nI1,P1,03-Mar-24\n"])
        let profiles = try folder(["p.yml": ProfileTests.profile])
        defer {
            try? FileManager.default.removeItem(at: data)
            try? FileManager.default.removeItem(at: profiles)
        }
        let run = try runCaselint(["check", "--profile", profiles.appendingPathComponent("p.yml").path, data.path])
        #expect(run.status == 0)
        #expect(run.out.hasSuffix("1 file, 1 child: 0 errors, 1 warning\n"), "CON009: the child has no recorded sex")
    }

    @Test func aMistakeInAProfileIsAConfigurationErrorWithExitTwo() throws {
        let dir = try folder([
            "police.profile.yml": ProfileTests.profile.replacingOccurrences(of: "date: WHEN", with: "dat: WHEN"),
            "incidents.csv": "REF,PERSON,WHEN\nI1,P1,03-Mar-24\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try runCaselint(["check", dir.path])
        #expect(run.status == 2)
        #expect(run.err.contains("police.profile.yml:10:3: error: unknown target field 'dat'; did you mean 'date'?"), "\(run.err)")
        #expect(run.out.isEmpty)
    }

    @Test func aColumnTheFileLacksIsAConfigurationError() throws {
        let dir = try folder([
            "police.profile.yml": ProfileTests.profile.replacingOccurrences(of: "date: WHEN", with: "date: WHEM"),
            "incidents.csv": "REF,PERSON,WHEN\nI1,P1,03-Mar-24\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try runCaselint(["check", dir.path])
        #expect(run.status == 2)
        #expect(run.err.contains("police.profile.yml:10:9: error: column 'WHEM' is not in the header of a file this profile matches; did you mean 'WHEN'?"), "\(run.err)")
    }

    @Test func anXMLExportMapsThroughElementPaths() throws {
        let dir = try folder([
            "contacts.profile.yml": """
                profile: school-contacts
                agency: education
                match: { root: SchoolExport }
                records: SchoolExport/Pupils/Pupil
                record: { column: Kind, values: { N: notification, V: visit } }
                fields:
                  upn: Ids/UPN
                  laChildID: Ids/LAID
                  date: When
                  sentDate: When
                  subject: { column: About, values: { DA: domestic-abuse } }
                  childSeen: Seen
                """,
            "export.xml": """
                <SchoolExport>
                  <Pupils>
                    <Pupil><Kind>N</Kind><Ids><LAID>A1</LAID><UPN>T850728973744</UPN></Ids><When>2024-05-01</When><About>DA</About></Pupil>
                    <Pupil><Kind>V</Kind><Ids><LAID>A1</LAID></Ids><When>2024-05-32</When><Seen>maybe</Seen></Pupil>
                    <Pupil><Kind>X</Kind><Ids><LAID>A2</LAID></Ids></Pupil>
                  </Pupils>
                </SchoolExport>
                """,
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = Linter(options: LintOptions(paths: [dir.path]), catalogue: Catalogue.rules + [linkedProbe]).run()
        #expect(result.configErrors.isEmpty, "\(result.configErrors)")
        #expect(result.positions.contains("MAP003 4:58"), "\(result.positions)")
        #expect(result.positions.contains("MAP006 4:81"))
        #expect(result.positions.contains("MAP008 5:18"))
        #expect(!result.ids().contains("MAP007"))
        let probe = result.diagnostics.filter { $0.ruleID == "TEST001" }.map(\.message.redacted)
        #expect(probe == ["A1 agencies=education files=1 kinds=identity,notification,visit"])
    }
}
