import ArgumentParser
import Foundation
import Synth

struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write synthetic exports for demos, tests and benchmarks.",
        subcommands: [SynthCINCommand.self, SynthAgenciesCommand.self]
    )
}

struct SynthCINCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cin",
        abstract: "Write a synthetic CIN census return, optionally with defects for chosen rules.",
        discussion: """
            The same options and seed give the same file. Children are clean (no rule triggers) unless a defect \
            is injected: each child is given one of the --defects with probability --defect-rate, and the --truth \
            file lists which rules each such child should trigger. Return-level defects (CIN100, CIN2886Q, \
            CIN2887Q, CIN2888Q) shape the whole return. Everything is synthetic: no real person.
            """
    )

    @Option(help: "Number of children.")
    var children = 100

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "Collection year: the year the collection ends (2025 = cin2024_25).")
    var year = 2027

    @Option(parsing: .singleValue, help: "Rules to inject defects for (CIN8925, comma-separated, or 'all').")
    var defects: [String] = []

    @Option(help: "Share of children given a defect (0 to 1).")
    var defectRate = 0.05

    @Flag(help: "Give children 2, 3, … one of the --defects each, in order, instead of at random.")
    var oneOfEach = false

    @Option(help: "Local authority code for the header and most UPNs.")
    var lea = "201"

    @Option(help: "Letters the LA child ids start with (default SYN): returns checked together need different ones.")
    var idPrefix = "SYN"

    @Option(name: .shortAndLong, help: "File to write (default: standard output).")
    var output: String?

    @Option(help: "File to write the truth to: which child should trigger which rule.")
    var truth: String?

    @Flag(help: "List the rules a defect can be injected for.")
    var listDefects = false

    func run() throws {
        if listDefects {
            print(CINSynth.defectCodes.map { "CIN" + $0 }.joined(separator: "\n"))
            return
        }
        var options = CINSynthOptions()
        options.children = children
        options.seed = seed
        options.year = year
        options.defects = defects.flatMap { $0.split(separator: ",").map { String($0).trimmingSpaces } }.filter { !$0.isEmpty }
        options.defectRate = defectRate
        options.oneOfEach = oneOfEach
        options.lea = lea
        options.idPrefix = idPrefix
        guard let out = output.map({ fopen($0, "wb") }) ?? fdopen(STDOUT_FILENO, "wb") else {
            printError("caselint: error: cannot write \(output ?? "standard output"): \(String(cString: strerror(errno)))")
            throw ExitCode(2)
        }
        defer { if output != nil { fclose(out) } }
        let result: CINSynthTruth
        do {
            result = try CINSynth.generate(options) { bytes in
                _ = fwrite(bytes.baseAddress, 1, bytes.count, out)
            }
        } catch {
            printError("caselint: error: \(error)")
            throw ExitCode(2)
        }
        fflush(out)
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
