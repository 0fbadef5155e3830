// swift-tools-version:6.0
// caselint: discover → read → map → link → check → report. Each stage is a target.
import PackageDescription

/// Release builds skip Swift's run-time exclusivity checks in the hot stages: they cost
/// about a sixth of the time spent per element, and debug builds and tests keep them.
let fast: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "caselint",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "caselint", targets: ["caselint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // libxml2 from the system (Debian: libxml2-dev).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // The common model every stage speaks: sources, positions, records, children, dates.
        .target(name: "Model", swiftSettings: fast),
        // discover: walk paths, detect each file's format from its content.
        .target(name: "Discover", dependencies: ["Model", "Read"]),
        // read: streaming readers that yield values with their source position.
        .target(name: "Read", dependencies: ["Model", "CLibXML2"], swiftSettings: fast),
        // map: turn a source's records into the common model.
        .target(name: "Map", dependencies: ["Model", "Read", "Check"], swiftSettings: fast),
        // link: join one child's records across sources.
        .target(name: "Link", dependencies: ["Model"], swiftSettings: fast),
        // check: the rule engine (rules, contexts, diagnostics).
        .target(name: "Check", dependencies: ["Model"], swiftSettings: fast),
        // The built-in rule catalogue.
        // The built-in rule catalogue; its rule pack (YAML) is compiled into the binary, so a
        // run needs no file besides its inputs.
        .target(name: "Checks", dependencies: ["Model", "Check", "Packs"], path: "Checks",
                resources: [.embedInCode("MultiAgency/pack")], swiftSettings: fast),
        // YAML configuration, mapping profiles and rule packs, read with positions.
        .target(name: "Config", dependencies: ["Model", "Check", "Map", "Read", .product(name: "Yams", package: "Yams")]),
        // Rule packs: rules written in YAML, compiled at load into rules like the Swift ones.
        .target(name: "Packs", dependencies: ["Model", "Check", "Config", "Map", .product(name: "Yams", package: "Yams")],
                swiftSettings: fast),
        // report: render diagnostics.
        .target(name: "Report", dependencies: ["Model", "Check", "Config"]),
        // A child's multi-agency chronology: events in date order, findings and gaps (caselint chronology).
        .target(name: "Chronology", dependencies: ["Model", "Check"]),
        // Synthetic exports for demos, tests and benchmarks (caselint synth).
        .target(name: "Synth", dependencies: ["Model", "Check", "Checks"]),
        // Runs the stages over a set of paths.
        .target(name: "Pipeline", dependencies: ["Model", "Discover", "Read", "Map", "Link", "Check", "Checks", "Config", "Report", "Packs"], swiftSettings: fast),
        .executableTarget(
            name: "caselint",
            dependencies: ["Pipeline", "Chronology", "Synth", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Times the readers alone, or a profile's read and map (scripts/bench-readers, scripts/bench).
        .executableTarget(name: "caselint-bench", dependencies: ["Model", "Read", "Map", "Config"], path: "Benchmarks/ReaderBench"),
        // Times the built-in rule pack against the same rules written in Swift, through the
        // real pipeline (scripts/bench-packs). Built like the rules it compares (release, fast).
        .executableTarget(name: "caselint-packbench", dependencies: ["Model", "Check", "Checks", "Discover", "Report", "Pipeline"],
                          path: "Benchmarks/PackBench", swiftSettings: fast),
        // Fuzz targets (libFuzzer; see scripts/fuzz). Built normally they replay input files.
        .target(name: "FuzzSupport", dependencies: ["Read"], path: "Fuzz/Support"),
        .executableTarget(name: "FuzzXML", dependencies: ["FuzzSupport", "Model", "Read", "Map"], path: "Fuzz/XML"),
        .executableTarget(name: "FuzzYAML", dependencies: ["FuzzSupport", "Config"], path: "Fuzz/YAML"),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport", "Model", "Read"], path: "Fuzz/CSV"),
        .executableTarget(name: "FuzzJSON", dependencies: ["FuzzSupport", "Model", "Read"], path: "Fuzz/JSON"),
        .executableTarget(name: "FuzzProfile", dependencies: ["FuzzSupport", "Config"], path: "Fuzz/Profile"),
        .executableTarget(name: "FuzzConfig", dependencies: ["FuzzSupport", "Config", "Checks"], path: "Fuzz/Config"),
        .executableTarget(name: "FuzzPack", dependencies: ["FuzzSupport", "Check", "Packs", "Pipeline"], path: "Fuzz/Pack"),
        .executableTarget(name: "FuzzPipeline", dependencies: ["FuzzSupport", "Pipeline", "Report"], path: "Fuzz/Pipeline"),
        .testTarget(
            name: "CaselintTests",
            dependencies: ["Model", "Discover", "Read", "Map", "Link", "Check", "Checks", "Config", "Report", "Pipeline", "Chronology", "Synth", "caselint",
                           "FuzzSupport"]
        ),
    ]
)
