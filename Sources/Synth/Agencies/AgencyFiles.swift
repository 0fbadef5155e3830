import Foundation
import Model

/// The files of a synthetic multi-agency data drop, written child by child as stories are
/// made: each file is a buffer flushed to disk when it grows, so a large drop costs little
/// memory. A child's rows in one file are consecutive (one fragment per file and child).
final class AgencyFiles {
    /// One output file: its path inside the folder, and what is waiting to be written.
    final class Output {
        let path: String
        var buffer: [UInt8] = []
        private var handle: FileHandle?
        /// The first write that failed (disk full, the folder taken away): said at the end,
        /// so that a drop is never silently short.
        private(set) var failure: String?

        init(path: String) { self.path = path }

        func put(_ s: String) {
            buffer.append(contentsOf: s.utf8)
            if buffer.count > 1 << 20 { flush() }
        }

        func flush() {
            guard failure == nil else { buffer.removeAll(); return }
            do {
                try open().write(contentsOf: buffer)
            } catch {
                failure = "cannot write \(path): \(error.localizedDescription)"
            }
            buffer.removeAll(keepingCapacity: true)
        }

        private func open() throws -> FileHandle {
            if let handle { return handle }
            guard FileManager.default.createFile(atPath: path, contents: nil), let made = FileHandle(forWritingAtPath: path) else {
                throw CocoaError(.fileWriteNoPermission)
            }
            handle = made
            return made
        }

        func close() {
            flush()
            if failure == nil {
                do { try open().close() } catch { failure = "cannot write \(path): \(error.localizedDescription)" }
            }
        }
    }

    /// An interchange CSV file: which row kinds go to it and its columns (after `record`).
    struct Table {
        let file: String
        let kind: String
        /// The record type written in the `record` column (a pupil row is a `person`).
        let record: String
        let columns: [String]
    }

    static let tables: [Table] = [
        Table(file: "social-care/interchange/people.csv", kind: "person", record: "person",
              columns: ["agency", "laChildID", "nhsNumber", "birthDate", "expectedBirthDate", "sex", "deathDate"]),
        Table(file: "social-care/interchange/crosswalk.csv", kind: "identity", record: "identity",
              columns: ["agency", "laChildID", "nhsNumber", "policePersonID", "healthID"]),
        Table(file: "social-care/interchange/cin-episodes.csv", kind: "cinEpisode", record: "cinEpisode",
              columns: ["agency", "laChildID", "referralDate", "referralSource", "primaryNeed", "closureDate", "closureReason",
                        "initialCPCDate", "referralNFA"]),
        Table(file: "social-care/interchange/assessments.csv", kind: "assessment", record: "assessment",
              columns: ["agency", "laChildID", "startDate", "authorisationDate", "factor"]),
        Table(file: "social-care/interchange/cin-plans.csv", kind: "cinPlan", record: "cinPlan",
              columns: ["agency", "laChildID", "startDate", "endDate"]),
        Table(file: "social-care/interchange/section47.csv", kind: "section47", record: "section47",
              columns: ["agency", "laChildID", "startDate", "icpcTargetDate", "initialCPCDate", "icpcNotRequired"]),
        Table(file: "social-care/interchange/cp-plans.csv", kind: "cpPlan", record: "cpPlan",
              columns: ["agency", "laChildID", "startDate", "endDate", "initialCategory", "latestCategory", "previousPlans"]),
        Table(file: "social-care/interchange/cp-reviews.csv", kind: "cpReview", record: "cpReview",
              columns: ["agency", "laChildID", "date"]),
        Table(file: "social-care/interchange/referrals.csv", kind: "referral", record: "referral",
              columns: ["agency", "laChildID", "recordID", "date", "fromAgency", "toAgency", "referrerRole", "acknowledgedDate",
                        "decisionDate", "outcome", "outcomeFedBackDate", "decisionBy", "rationale"]),
        Table(file: "social-care/interchange/visits.csv", kind: "visit", record: "visit",
              columns: ["agency", "laChildID", "recordID", "date", "visitType", "workerID", "childSeen", "seenAlone",
                        "notSeenAloneReason", "bedroomSeen", "present"]),
        Table(file: "social-care/interchange/meetings.csv", kind: "strategyDiscussion", record: "strategyDiscussion",
              columns: ["agency", "laChildID", "recordID", "date", "attendingAgency", "invitedAgency", "outcome", "decisionBy", "rationale"]),
        Table(file: "social-care/interchange/conferences.csv", kind: "conference", record: "conference",
              columns: ["agency", "laChildID", "recordID", "date", "conferenceType", "attendingAgency", "invitedAgency", "quorate",
                        "outcome", "decisionBy", "rationale"]),
        Table(file: "social-care/interchange/core-groups.csv", kind: "coreGroup", record: "coreGroup",
              columns: ["agency", "laChildID", "recordID", "date", "attendingAgency"]),
        Table(file: "social-care/interchange/notifications.csv", kind: "notification", record: "notification",
              columns: ["agency", "laChildID", "recordID", "subject", "fromAgency", "toAgency", "sentDate", "acknowledgedDate", "method"]),
        Table(file: "social-care/interchange/household-members.csv", kind: "householdMember", record: "householdMember",
              columns: ["agency", "laChildID", "relationship", "memberID", "givenName", "birthDate", "memberNHSNumber",
                        "memberPolicePersonID", "livesWithChild", "parentalResponsibility"]),
        Table(file: "social-care/interchange/worker-allocations.csv", kind: "workerAllocation", record: "workerAllocation",
              columns: ["agency", "laChildID", "workerID", "workerRole", "team", "startDate", "endDate"]),
        Table(file: "social-care/interchange/transfers.csv", kind: "transfer", record: "transfer",
              columns: ["agency", "laChildID", "date", "fromArea", "toArea", "noticeDate"]),
        Table(file: "education/pupils.csv", kind: "pupil", record: "person",
              columns: ["agency", "laChildID", "upn", "birthDate", "sex"]),
    ]

    let folder: String
    private var outputs: [String: Output] = [:]
    private let census: CINWriter
    private let censusOutput: Output
    private var healthContacts = 0

    init(folder: String, year: Int, reference: Day, lea: String) throws {
        self.folder = folder
        for sub in ["social-care/interchange", "police", "health", "education"] {
            try FileManager.default.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true)
        }
        let censusOutput = Output(path: folder + "/social-care/cin-census.xml")
        self.censusOutput = censusOutput
        census = CINWriter(year: year) { bytes in censusOutput.buffer.append(contentsOf: bytes); if censusOutput.buffer.count > 1 << 20 { censusOutput.flush() } }
        census.header(year: year, referenceDate: reference.description, lea: lea, generated: "\(reference + 2)T09:00:00")
        for t in Self.tables { output(t.file).put((["record"] + t.columns).joined(separator: ",") + "\n") }
        output("police/incidents.csv").put(Self.policeColumns.joined(separator: ",") + "\n")
        output("social-care/case-notes.csv").put("Note ID,Person ID,Note Date,Author,Author Role,Note Type,Note Text\n")
        output("health/health-visiting.json").put("{\n  \"service\": \"Health visiting and midwifery (synthetic)\",\n  \"exportedAt\": \"\(reference + 1)T07:00:00\",\n  \"contacts\": [")
        _ = output("social-care/looked-after.jsonl")  // made now: written even when no child has such rows
        for (file, text) in AgencyProfiles.files { output(file).put(text) }
    }

    private func output(_ relative: String) -> Output {
        if let o = outputs[relative] { return o }
        let o = Output(path: folder + "/" + relative)
        outputs[relative] = o
        return o
    }

    /// Writes one child's records to every file that has some.
    func write(_ story: Story) {
        if story.census { census.child(story.cin) }
        for t in Self.tables {
            let rows = story.rows.filter { $0.kind == t.kind }
            guard !rows.isEmpty else { continue }
            let out = output(t.file)
            for r in rows {
                var cells = [t.record]
                for c in t.columns { cells.append(Self.csvCell(r[c] ?? "")) }
                out.put(cells.joined(separator: ",") + "\n")
            }
        }
        for r in story.rows {
            switch r.kind {
            case "policeIncident": output("police/incidents.csv").put(policeLine(r, story))
            case "caseNote": output("social-care/case-notes.csv").put(caseNoteLine(r, story))
            case "healthContact":
                output("health/health-visiting.json").put((healthContacts == 0 ? "\n" : ",\n") + healthObject(r, story))
                healthContacts += 1
            case "careEpisode", "lacReview", "missingEpisode": output("social-care/looked-after.jsonl").put(jsonLine(r, story))
            default: break
            }
        }
    }

    /// Closes every file; returns what could not be written, if anything.
    func finish(readme: String) -> String? {
        census.footer()
        output("health/health-visiting.json").put("\n  ]\n}\n")
        output("README.md").put(readme)
        censusOutput.close()
        for o in outputs.values { o.close() }
        return ([censusOutput] + outputs.keys.sorted().map { outputs[$0]! }).lazy.compactMap(\.failure).first
    }

    // MARK: Layouts

    static let policeColumns = ["Occurrence Ref", "Person URN", "Date Reported", "DA Flag", "Child Present", "DASH Level",
                                "DASH Score", "MARAC Ref Date", "Encompass Sent", "CSC Notified"]

    /// `dd/MM/yyyy`, the layout of the police and case-note exports.
    static func dmy(_ iso: String?) -> String {
        guard let iso, let d = Day(iso: iso) else { return "" }
        let c = d.components
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(c.day))/\(two(c.month))/\(c.year)"
    }

    private func policeLine(_ r: Row, _ s: Story) -> String {
        func yn(_ v: String?) -> String { v == "true" ? "Y" : v == "false" ? "N" : "" }
        let level = ["standard": "S", "medium": "M", "high": "H"][r["dashRisk"] ?? ""] ?? ""
        let cells = [r["incidentID"] ?? "", s.policeID, Self.dmy(r["date"]), yn(r["domesticAbuse"]), yn(r["childPresent"]), level,
                     r["dashScore"] ?? "", Self.dmy(r["maracReferralDate"]), Self.dmy(r["schoolNotifiedDate"]),
                     Self.dmy(r["socialCareNotifiedDate"])]
        return cells.map(Self.csvCell).joined(separator: ",") + "\n"
    }

    private func caseNoteLine(_ r: Row, _ s: Story) -> String {
        let cells = [r["recordID"] ?? "", s.id, Self.dmy(r["date"]), r["author"] ?? "", r["authorRole"] ?? "", r["noteType"] ?? "",
                     r["text"] ?? ""]
        return cells.map(Self.csvCell).joined(separator: ",") + "\n"
    }

    static let clinicians = ["health-visitor": "HV", "midwife": "MW", "gp": "GP", "school-nurse": "SN"]
    static let riskCodes = ["co-sleeping": "CS", "alcohol": "ALC", "domestic-abuse": "DA", "mental-health": "MH", "drugs": "DRG"]

    private func healthObject(_ r: Row, _ s: Story) -> String {
        var patient: [String] = []
        if r["withNHS"] == "true", let nhs = s.nhs {
            let n = Array(nhs)
            patient.append("\"nhsNumber\": \"\(String(n[0..<3])) \(String(n[3..<6])) \(String(n[6...]))\"")
        }
        patient.append("\"localId\": \"\(s.healthID)\"")
        var o = "    {\"contactId\": \"\(r["recordID"] ?? "")\", \"patient\": {\(patient.joined(separator: ", "))}, "
        o += "\"seen\": \"\(r["date"] ?? "")T\(r["time"] ?? "10:00"):00\", "
        o += "\"clinician\": \"\(Self.clinicians[r["practitionerRole"] ?? ""] ?? "GP")\", \"type\": \"\(r["contactType"] ?? "")\""
        if let a = r["attended"] { o += ", \"broughtToAppointment\": \"\(a == "true" ? "yes" : "no")\"" }
        if let a = r["safeSleepAdvice"] { o += ", \"safeSleepDiscussed\": \"\(a == "true" ? "yes" : "no")\"" }
        let risks = (r["riskFactor"] ?? "").split(separator: ";").map { "\"\(Self.riskCodes[String($0)] ?? String($0))\"" }
        o += ", \"risks\": [\(risks.joined(separator: ", "))]}"
        return o
    }

    private func jsonLine(_ r: Row, _ s: Story) -> String {
        var parts = ["\"record\": \"\(r.kind)\"", "\"agency\": \"social-care\"", "\"laChildID\": \"\(s.id)\""]
        for key in r.fields.keys.sorted() { parts.append("\"\(key)\": \"\(r.fields[key]!)\"") }
        return "{" + parts.joined(separator: ", ") + "}\n"
    }

    /// A CSV cell, quoted when it holds a comma, a quote or a line break.
    static func csvCell(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// The mapping profiles written beside the agencies' own exports.
enum AgencyProfiles {
    static let files: [(String, String)] = [
        ("police/police-incidents.profile.yml", """
            # Mapping profile: the police force's incident export (synthetic layout).
            profile: synth-police-incidents
            agency: police
            match:
              header: [Occurrence Ref, Person URN, DA Flag]
            record: policeIncident
            dates: dd/MM/yyyy
            fields:
              incidentID: Occurrence Ref
              policePersonID: Person URN
              date: Date Reported
              domesticAbuse: { column: DA Flag, values: { Y: true, N: false } }
              childPresent: { column: Child Present, values: { Y: true, N: false } }
              dashRisk: { column: DASH Level, values: { S: standard, M: medium, H: high } }
              dashScore: DASH Score
              maracReferralDate: MARAC Ref Date
              schoolNotifiedDate: Encompass Sent
              socialCareNotifiedDate: CSC Notified

            """),
        ("health/health-visiting.profile.yml", """
            # Mapping profile: the health visiting and midwifery JSON export (synthetic layout).
            profile: synth-health-visiting
            agency: health
            match:
              keys: [contactId, clinician, seen]
            records: contacts
            record: healthContact
            dates: yyyy-MM-dd'T'HH:mm:ss
            fields:
              recordID: contactId
              nhsNumber: patient.nhsNumber
              healthID: patient.localId
              date: seen
              practitionerRole: { column: clinician, values: { HV: health-visitor, MW: midwife, GP: gp, SN: school-nurse } }
              contactType: type
              attended: broughtToAppointment
              safeSleepAdvice: safeSleepDiscussed
              riskFactor:
                column: risks
                values: { CS: co-sleeping, ALC: alcohol, DA: domestic-abuse, MH: mental-health, DRG: drugs }

            """),
        ("social-care/case-notes.profile.yml", """
            # Mapping profile: case notes exported by the case management system (synthetic layout).
            profile: synth-case-notes
            agency: social-care
            match:
              header: [Note ID, Person ID, Note Text]
            record: caseNote
            dates: dd/MM/yyyy
            fields:
              recordID: Note ID
              laChildID: Person ID
              date: Note Date
              author: Author
              authorRole: Author Role
              noteType: Note Type
              text: Note Text

            """),
    ]
}
