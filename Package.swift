// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "creditgate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "creditgate", targets: ["creditgate"]),
        .library(name: "CreditPolicy", targets: ["CreditPolicy"]),
        .library(name: "AuditTrail", targets: ["AuditTrail"]),
        .library(name: "Store", targets: ["Store"]),
        .library(name: "StoreConformance", targets: ["StoreConformance"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.9.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
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
        // Pure hash-chained audit log: canonical encoding, chain, verification. No I/O.
        .target(
            name: "AuditTrail",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // Everything durable: the store protocol, its records, migrations and the SQL both
        // backends share (through SQLKit), plus group commit. No database driver here.
        .target(
            name: "Store",
            dependencies: [
                "AuditTrail",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The embedded default: one SQLite file (WAL, synchronous=FULL), no server.
        .target(
            name: "SQLiteStore",
            dependencies: [
                "Store",
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // Production and scale: PostgreSQL through PostgresNIO's connection pool.
        .target(
            name: "PostgresStore",
            dependencies: [
                "Store",
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Opens the store a `--database` value names: a file path or a postgres:// URL.
        .target(
            name: "StoreFactory",
            dependencies: ["Store", "SQLiteStore", "PostgresStore"]
        ),
        // Test support for every test target and the benchmarks: a seeded random generator and
        // an independent SHA-256 to check digests against.
        .target(name: "TestSupport"),
        // Deterministic store records for the conformance suite and the store benchmark.
        .target(
            name: "StoreFixtures",
            dependencies: ["Store"]
        ),
        // Test support: fresh databases of each kind for tests (SQLite files, PostgreSQL databases
        // on the cluster scripts/with-postgres starts).
        .target(
            name: "StoreTestSupport",
            dependencies: [
                "Store", "StoreFactory", "PostgresStore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Test support: the one conformance suite every store implementation must pass.
        .target(
            name: "StoreConformance",
            dependencies: ["Store", "StoreFixtures", "AuditTrail"]
        ),
        // The use cases: submit, evaluate, read; live policies. Everything that changes state
        // goes through here and the store, in one transaction with its audit entry.
        .target(
            name: "Onboarding",
            dependencies: [
                "CreditPolicy",
                "Store",
                "AuditTrail",
                "Webhooks",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The HTTP API (Hummingbird): routes, API keys and roles, problem+json, OpenAPI.
        .target(
            name: "API",
            dependencies: [
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                "Onboarding",
                "Store",
                "CreditPolicy",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("openapi.yaml")]
        ),
        // The one binary: server and CLI.
        // Standard Webhooks: signatures, secrets and the retry schedule of the outbox relay.
        .target(
            name: "Webhooks",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(name: "WebhooksTests", dependencies: ["Webhooks"]),
        // The outbox relay: delivers webhooks from the outbox (at least once, in order per
        // customer, retried with backoff, dead-lettered), as a service beside the HTTP server.
        .target(
            name: "Relay",
            dependencies: [
                "Store",
                "Webhooks",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "RelayTests",
            dependencies: [
                "Relay",
                "Webhooks",
                "Store",
                "StoreFactory",
                "StoreTestSupport",
                "Onboarding",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The officer command-line client: the officer API over HTTP (AsyncHTTPClient), its models,
        // problem+json → ClientError with exit codes, the config file, and the text views.
        .target(
            name: "CreditgateClient",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "CreditgateClientTests",
            dependencies: [
                "CreditgateClient",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "creditgate",
            dependencies: [
                "AuditTrail",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                "API",
                "CreditgateClient",
                "Relay",
                "Webhooks",
                "Onboarding",
                "CreditPolicy",
                "Store",
                "StoreFactory",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Benchmarks are not tests: run by hand, figures in BENCHMARKS.md.
        .executableTarget(
            name: "creditgate-bench",
            dependencies: ["CreditPolicy", "TestSupport"],
            path: "Benchmarks/creditgate-bench"
        ),
        // Store throughput and the crash writer the crash test kills (not a test itself).
        .executableTarget(
            name: "creditgate-storebench",
            dependencies: [
                "Store",
                "StoreFactory",
                "StoreFixtures",
                "AuditTrail",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/creditgate-storebench"
        ),
        .testTarget(
            name: "APITests",
            dependencies: [
                "API", "Onboarding", "Store", "StoreFactory", "StoreTestSupport", "CreditPolicy",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(
            name: "AuditTrailTests",
            dependencies: ["AuditTrail", "TestSupport"]
        ),
        .testTarget(
            name: "StoreTests",
            dependencies: [
                "Store", "StoreFactory", "StoreConformance", "StoreFixtures", "StoreTestSupport", "SQLiteStore",
                "PostgresStore",
                "AuditTrail", "creditgate-storebench",
                .product(name: "SQLKit", package: "sql-kit"),
            ]
        ),
        .testTarget(
            name: "CreditPolicyTests",
            dependencies: ["CreditPolicy", "TestSupport"],
            resources: [.copy("Cases")]
        ),
    ]
)
