import Synchronization

/// An interned name (an element, column or key name from a source, an agency, a code list
/// entry). Comparing symbols is comparing integers; the text is looked up only to print.
public struct Symbol: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32

    /// Interns `name`, returning the same symbol for the same text on every thread.
    public init(_ name: String) { rawValue = SymbolTable.shared.intern(name) }

    /// A symbol by its number (for caches that need a placeholder).
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public init(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        rawValue = SymbolTable.shared.intern(String(decoding: bytes, as: UTF8.self))
    }

    public var name: String { SymbolTable.shared.name(of: rawValue) }
    public var description: String { name }
    public static func < (a: Symbol, b: Symbol) -> Bool { a.name < b.name }
}

/// Process-wide, append-only table behind `Symbol`.
final class SymbolTable: Sendable {
    static let shared = SymbolTable()

    private struct State {
        var ids: [String: UInt32] = [:]
        var names: [String] = []
    }
    private let state: Mutex<State>

    /// Starts with the model's own names, at the numbers `ModelName` gives them.
    private init() {
        var s = State()
        for name in ModelName.allCases {
            s.ids["\(name)"] = name.rawValue
            s.names.append("\(name)")
        }
        state = Mutex(s)
    }

    func intern(_ name: String) -> UInt32 {
        state.withLock { s in
            if let id = s.ids[name] { return id }
            let id = UInt32(s.names.count)
            s.names.append(name)
            s.ids[name] = id
            return id
        }
    }

    func name(of id: UInt32) -> String {
        state.withLock { $0.names[Int(id)] }
    }
}

/// The names of the model's kinds and fields that rules name in Swift
/// (`RecordKind.cinEpisode`, `FieldKey.referralDate`), interned before any other and in
/// this order, so each is a constant. As `static let`s made at first use, every read was a
/// check that the value had been made (`swift_once`), hundreds of times per child.
public enum ModelName: UInt32, CaseIterable, Sendable {
    case header, person, cinEpisode, assessment, cinPlan, section47, cpPlan, cpReviews, cpReview
    case preProceedings, laChildID, upn, formerUPN, upnUnknown, birthDate, expectedBirthDate, sex
    case genderCurrent, deathDate, ethnicity, disability, collection, year, referenceDate, lea
    case referralDate, referralSource, primaryNeed, closureDate, closureReason, initialCPCDate
    case referralNFA, startDate, endDate, internalReviewDate, authorisationDate, factor
    case icpcTargetDate, icpcNotRequired, initialCategory, latestCategory, previousPlans, date
    case identity, householdMember, referral, visit, strategyDiscussion, conference, coreGroup
    case notification, policeIncident, healthContact, caseNote, workerAllocation, transfer
    case careEpisode, lacReview, missingEpisode, nhsNumber, policePersonID, healthID, agency
    case relationship, fromAgency, toAgency, attendingAgency, childSeen, seenAlone
    case notSeenAloneReason, bedroomSeen, present, subject, sentDate, acknowledgedDate
    case domesticAbuse, childPresent, dashRisk, practitionerRole, safeSleepAdvice, riskFactor
    case text, workerID, recordID, incidentID
    // Named by the multi-agency rules (`Keys` in Checks).
    case dashScore, maracReferralDate, workerRole, conferenceType, attended, reasonNewEpisode, noticeDate
}

extension Symbol {
    @inlinable public init(_ name: ModelName) { self.init(rawValue: name.rawValue) }
}
