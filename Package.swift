// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "case-explorer",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "case-explorer", targets: ["case-explorer"]),
        .library(name: "CaseCore", targets: ["CaseCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The core knows nothing of terminals: model, loading, validation, queries, search.
        .target(name: "CaseCore"),
        .executableTarget(
            name: "case-explorer",
            dependencies: [
                "CaseCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CaseCoreTests", dependencies: ["CaseCore"]),
        .testTarget(name: "CLITests", dependencies: ["CaseCore", "case-explorer"]),
    ],
    swiftLanguageModes: [.v6]
)
