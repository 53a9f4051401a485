// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "creditgate",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "creditgate", targets: ["creditgate"]),
        .library(name: "CreditPolicy", targets: ["CreditPolicy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.9.0"..<"5.0.0"),
    ],
    targets: [
        // Pure policy language: parse, validate, compile, evaluate, explain. No I/O, no clock.
        .target(
            name: "CreditPolicy",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The one binary: server (later issues) and CLI.
        .executableTarget(
            name: "creditgate",
            dependencies: [
                "CreditPolicy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks are not tests: run by hand, figures in BENCHMARKS.md.
        .executableTarget(
            name: "creditgate-bench",
            dependencies: ["CreditPolicy"],
            path: "Benchmarks/creditgate-bench"
        ),
        .testTarget(
            name: "CreditPolicyTests",
            dependencies: ["CreditPolicy"],
            resources: [.copy("Cases")]
        ),
    ]
)
