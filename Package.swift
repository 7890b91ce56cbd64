// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "case-explorer",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "case-explorer", targets: ["case-explorer"]),
        .executable(name: "case-explorer-bench", targets: ["case-explorer-bench"]),
        .library(name: "CaseCore", targets: ["CaseCore"]),
        .library(name: "Presentation", targets: ["Presentation"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // ZIP reading (bounded, ZIP64) and deflate/CRC-32 for REFI-QDA archives.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20")
    ],
    targets: [
        // The core knows nothing of terminals: model, loading, validation, queries, search.
        .target(
            name: "CaseCore",
            dependencies: ["CSearch", "CMappingGuard", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Text for people, over the core: display width, terminal-safe text, CSV and Markdown
        // writing, numbers in a report's language. The explorer and the command line use it.
        .target(name: "Presentation", dependencies: ["CaseCore"]),
        // glibc's memmem for the search index (Swift's Glibc module does not expose it).
        .target(name: "CSearch"),
        // Ends the program with a sentence, not a crash, when another program truncates a file it
        // has mapped (a SIGBUS inside a registered mapping); C because it is a signal handler.
        .target(name: "CMappingGuard"),
        // The explorer's state, key bindings and screens, rendered into the program's own cell
        // buffer: no terminal code, so every screen is testable as text.
        .target(name: "ExplorerUI", dependencies: ["CaseCore", "Presentation"]),
        // ncursesw, owned by the project (no third-party TUI framework).
        .systemLibrary(name: "CNcurses"),
        // Restores the terminal before the process dies of a signal; C because it keeps state.
        .target(name: "CTerminalGuard", dependencies: ["CMappingGuard"], linkerSettings: [.linkedLibrary("ncursesw")]),
        // The one adapter that imports ncurses: cell buffer to screen, keys from the terminal.
        .target(name: "NcursesTerminal", dependencies: ["ExplorerUI", "CNcurses", "CTerminalGuard"]),
        .executableTarget(
            name: "case-explorer",
            dependencies: [
                "CaseCore",
                "Presentation",
                "ExplorerUI",
                "NcursesTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ]
        ),
        // Benchmarks, run on demand: swift run -c release case-explorer-bench
        .executableTarget(name: "case-explorer-bench", dependencies: ["CaseCore", "Presentation", "ExplorerUI"]),
        .testTarget(name: "CaseCoreTests", dependencies: ["CaseCore", "Presentation"]),
        .testTarget(name: "ExplorerUITests", dependencies: ["ExplorerUI", "CaseCore", "Presentation"]),
        .testTarget(name: "CLITests", dependencies: ["CaseCore", "Presentation", "case-explorer"]),
        // The ncurses adapter's decoding of keys and mouse events.
        .testTarget(name: "NcursesTerminalTests", dependencies: ["NcursesTerminal", "CNcurses", "ExplorerUI"]),
        // The mapping guard in fresh processes (exit tests), with and without the terminal guard.
        .testTarget(name: "MappingGuardTests", dependencies: ["CMappingGuard", "CTerminalGuard"]),
        // The real binary in a real terminal (tmux); depends on the executable so it is built, and
        // on the explorer's own rendering to compare what the terminal shows with what it should.
        .testTarget(name: "EndToEndTests", dependencies: ["case-explorer", "ExplorerUI", "CaseCore"])
    ],
    swiftLanguageModes: [.v6]
)
