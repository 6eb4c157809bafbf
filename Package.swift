// swift-tools-version:6.1
import PackageDescription

let services = ["Identity", "Policy", "Appeals", "Filing", "Notifications"]

var targets: [Target] = [
    .systemLibrary(
        name: "CLibPQ", path: "Shared/CLibPQ", pkgConfig: "libpq",
        providers: [.apt(["libpq-dev"])]),
    .systemLibrary(
        name: "CRdKafka", path: "Shared/CRdKafka", pkgConfig: "rdkafka",
        providers: [.apt(["librdkafka-dev"])]),
    .target(name: "Contracts", path: "Shared/Contracts"),
    .target(name: "WorkCalendar", path: "Shared/WorkCalendar"),
    .target(name: "Validators", path: "Shared/Validators"),
    .target(
        name: "PersonalData", dependencies: [.product(name: "Crypto", package: "swift-crypto")],
        path: "Shared/PersonalData"),
    .target(
        name: "Postgres", dependencies: ["CLibPQ", .product(name: "Logging", package: "swift-log")],
        path: "Shared/Postgres"),
    .target(
        name: "Messaging",
        dependencies: [
            "CRdKafka",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ],
        path: "Shared/Messaging"),
    .target(
        name: "Outbox",
        dependencies: [
            "Postgres", "Messaging", "Contracts",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ],
        path: "Shared/Outbox", resources: [.copy("Migrations")]),
    .target(
        name: "ServiceKit",
        dependencies: [
            "Postgres", "Messaging", "Outbox", "Contracts", "Validators", "PersonalData",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "JWTKit", package: "jwt-kit"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Crypto", package: "swift-crypto"),
        ],
        path: "Shared/ServiceKit", resources: [.copy("Migrations")]),
    .executableTarget(
        name: "BackboneProbe",
        dependencies: ["Postgres", "Messaging", "Outbox", "Contracts", "ServiceKit"],
        path: "Tests/Support/BackboneProbe"),
    .executableTarget(
        name: "Bench",
        dependencies: [
            "Postgres", "Messaging", "Outbox", "Contracts", "ServiceKit", "IdentityApp", "NotificationsApp", "AppealsApp", "PolicyApp",
            "FilingApp", "TestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "JWTKit", package: "jwt-kit"),
            .product(name: "Crypto", package: "swift-crypto"),
        ],
        path: "bench/Sources"),
    .target(
        name: "TestSupport",
        dependencies: [
            "Postgres", "Messaging", "ServiceKit", "Contracts",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "JWTKit", package: "jwt-kit"),
            .product(name: "Crypto", package: "swift-crypto"),
        ],
        path: "Tests/Support/TestSupport"),
    .testTarget(name: "ContractsTests", dependencies: ["Contracts"], resources: [.copy("Golden")]),
    .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"]),
    .testTarget(name: "MessagingTests", dependencies: ["Messaging", "TestSupport"]),
    .testTarget(name: "OutboxTests", dependencies: ["Outbox", "Postgres", "Messaging", "Contracts", "TestSupport"]),
    .testTarget(
        name: "ServiceKitTests",
        dependencies: [
            "ServiceKit", "TestSupport", "Postgres", "Contracts",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "JWTKit", package: "jwt-kit"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
]

/// The product name of a package product dependency (nil for targets), to avoid listing one twice.
func productName(_ dependency: Target.Dependency) -> String? {
    if case .productItem(let name, _, _, _) = dependency { return name }
    return nil
}

/// What a service needs beyond ServiceKit and the backbone.
let serviceDependencies: [String: [Target.Dependency]] = [
    "Identity": [
        "PersonalData",
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "JWTKit", package: "jwt-kit"),
    ],
    "Appeals": [
        "PersonalData", "WorkCalendar",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
    ],
    "Notifications": ["PersonalData", "WorkCalendar", .product(name: "Crypto", package: "swift-crypto")],
    "Policy": ["PersonalData", "WorkCalendar"],
    "Filing": ["PersonalData", "WorkCalendar"],
]

var products: [Product] = []
for service in services {
    let exe = service.lowercased()
    targets.append(
        .target(
            name: "\(service)App",
            dependencies: [
                "ServiceKit", "Postgres", "Messaging", "Outbox", "Contracts", "Validators",
                .product(name: "Hummingbird", package: "hummingbird"),
            ] + (serviceDependencies[service] ?? []),
            path: "Services/\(service)/App",
            resources: [.copy("Migrations"), .copy("openapi.yaml")]))
    targets.append(
        .executableTarget(name: exe, dependencies: [.byName(name: "\(service)App"), "ServiceKit"], path: "Services/\(service)/Main"))
    products.append(.executable(name: exe, targets: [exe]))
}
for service in ["Identity", "Appeals", "Notifications", "Policy", "Filing"] {
    targets.append(
        .testTarget(
            name: "\(service)Tests",
            dependencies: [
                .byName(name: "\(service)App"), "ServiceKit", "TestSupport", "Contracts", "Postgres", "Outbox", "Messaging",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ] + (serviceDependencies[service] ?? []).filter { !["JWTKit", "Crypto"].contains(productName($0)) }))
}
targets.append(.testTarget(name: "WorkCalendarTests", dependencies: ["WorkCalendar"]))
targets.append(.testTarget(name: "PersonalDataTests", dependencies: ["PersonalData"]))
targets.append(.testTarget(name: "ValidatorsTests", dependencies: ["Validators"]))
targets.append(.testTarget(name: "DeployTests", dependencies: ["Contracts"]))
targets.append(
    .testTarget(
        name: "ServicesTests",
        dependencies: services.map { .byName(name: "\($0)App") } + [
            "ServiceKit", "TestSupport", "Postgres", "Contracts",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]))

for index in targets.indices where targets[index].type != .system {
    targets[index].swiftSettings = (targets[index].swiftSettings ?? []) + [
        .swiftLanguageMode(.v6),
        .enableUpcomingFeature("ExistentialAny"),
    ]
}

let package = Package(
    name: "qinqing",
    platforms: [.macOS(.v15)],
    products: products,
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: targets
)
