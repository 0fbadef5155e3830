import ArgumentParser
import Foundation
import Synth

struct SynthAgenciesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agencies",
        abstract: "Write a synthetic multi-agency data drop (census, police, health, case notes, interchange), optionally with defects.",
        discussion: """
            The folder holds a CIN census return, a police incidents CSV and a health visiting JSON export with \
            their mapping profiles, case notes, looked-after records, interchange files and education's pupil \
            records, linked by a crosswalk. The same options and seed give the same files. Children are clean (no \
            multi-agency rule triggers) unless a defect is injected: each child is given one of the --defects \
            (rule ids, or 'all') with probability --defect-rate, in turn, and the --truth file lists which rules \
            each such child should trigger. CON009 (share of children without a recorded sex) shapes the drop as \
            a whole. Everything is synthetic: no real person.
            """
    )

    @Option(help: "Number of children.")
    var children = 100

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(parsing: .singleValue, help: "Rules to inject defects for (SUF006, comma-separated, or 'all').")
    var defects: [String] = []

    @Option(help: "Share of children given a defect (0 to 1).")
    var defectRate = 0.1

    @Flag(help: "Give children 1, 2, … one of the --defects each, in order, instead of at random.")
    var oneOfEach = false

    @Option(help: "Local authority code.")
    var lea = "201"

    @Option(help: "Share of clean children whose social care records are interchange files rather than the census return.")
    var interchangeShare = 0.1

    @Option(name: .shortAndLong, help: "Folder to write (created; must not exist or be empty).")
    var output: String?

    @Option(help: "File to write the truth to: which child should trigger which rule.")
    var truth: String?

    @Flag(help: "List the rules a defect can be injected for.")
    var listDefects = false

    func validate() throws {
        if !listDefects && output == nil { throw ValidationError("give the folder to write with --output") }
        if !(0...1).contains(interchangeShare) { throw ValidationError("--interchange-share must be between 0 and 1") }
    }

    func run() throws {
        if listDefects {
            print(AgencySynth.defectRules.joined(separator: "\n"))
            return
        }
        guard let output else { return }
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: output), !existing.isEmpty {
            printError("caselint: error: \(output) is not empty; give a new folder")
            throw ExitCode(2)
        }
        var options = AgencySynthOptions()
        options.children = children
        options.seed = seed
        options.defects = defects.flatMap { $0.split(separator: ",").map { String($0).trimmingSpaces } }.filter { !$0.isEmpty }
        options.defectRate = defectRate
        options.oneOfEach = oneOfEach
        options.lea = lea
        options.interchangeShare = interchangeShare
        let result: AgencySynthTruth
        do {
            result = try AgencySynth.generate(options, to: output)
        } catch {
            printError("caselint: error: \(error)")
            throw ExitCode(2)
        }
        if let truth {
            do {
                try result.tsv.write(toFile: truth, atomically: true, encoding: .utf8)
            } catch {
                printError("caselint: error: cannot write \(truth): \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
    }
}
