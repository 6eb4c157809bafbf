import Contracts
import Foundation
import Testing

@Suite("Deployment: image and docker-compose.yml")
struct ComposeTests {
    @Test("docker-compose.yml follows the Compose schema and agrees with the code (variables, topics, roles, ports, health)")
    func composeAgreesWithTheCode() throws {
        let outcome = try DeployChecks.run(["compose", "--services", DeployChecks.services, "--topics", DeployChecks.topics])
        #expect(outcome.status == 0, "\(DeployChecks.failures(outcome))")
    }

    @Test("deploy/topics.txt creates every topic of Shared/Contracts and its dead-letter twin, with partitions")
    func topicFileIsComplete() throws {
        let text = try String(contentsOf: DeployChecks.root.appendingPathComponent("deploy/topics.txt"), encoding: .utf8)
        var partitions: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .split(separator: " ", omittingEmptySubsequences: true)
            guard let name = fields.first else { continue }
            partitions[String(name)] = fields.count > 1 ? Int(fields[1]) : nil
        }
        for topic in Topic.all {
            #expect((partitions[topic.name] ?? 0) >= 1, "\(topic.name) is not created with partitions")
            #expect((partitions[topic.deadLetter.name] ?? 0) >= 1, "\(topic.deadLetter.name) is not created")
        }
        let known = Set(Topic.all.flatMap { [$0.name, $0.deadLetter.name] })
        #expect(Set(partitions.keys).subtracting(known).isEmpty, "topics no code names: \(Set(partitions.keys).subtracting(known))")
    }

    @Test("the PostgreSQL init step gives each service a role that owns its schema only (no superuser, no extra rights)")
    func initStepCreatesOneRolePerService() throws {
        let script = try String(
            contentsOf: DeployChecks.root.appendingPathComponent("deploy/postgres/init-roles.sh"), encoding: .utf8)
        #expect(script.contains("services=(\(ProducingService.allCases.map(\.rawValue).joined(separator: " ")))"))
        for clause in ["NOSUPERUSER", "NOCREATEDB", "NOCREATEROLE", "REVOKE ALL ON SCHEMA", "REVOKE CREATE ON SCHEMA public",
                       "AUTHORIZATION"] {
            #expect(script.contains(clause), "init-roles.sh lacks \(clause)")
        }
        let syntax = try DeployChecks.execute("/bin/bash", ["-n", "deploy/postgres/init-roles.sh", "deploy/kafka/create-topics.sh",
                                                              "deploy/make-secrets.sh"])
        #expect(syntax.status == 0, "\(syntax.output)")
        let entrypoint = try DeployChecks.execute("/bin/sh", ["-n", "deploy/docker/entrypoint.sh"])
        #expect(entrypoint.status == 0, "\(entrypoint.output)")
    }
}

@Suite("Deployment: the PostgreSQL init step, run")
struct PostgresInitTests {
    /// deploy/postgres/init-roles.sh, run twice on the test PostgreSQL in a database of its own: each role
    /// is a plain login role that works in its schema and cannot touch public or another service's schema.
    /// (The test server trusts loopback, so the passwords themselves are set but not exercised.)
    @Test("init-roles.sh gives each service a role owning its schema and nothing else")
    func initStepOnARealServer() throws {
        let url = try #require(
            ProcessInfo.processInfo.environment["QINQING_TEST_POSTGRES_URL"], "run under ./dev test (QINQING_TEST_POSTGRES_URL)")
        let outcome = try DeployChecks.run(["postgres", "--services", DeployChecks.services, "--url", url])
        #expect(outcome.status == 0, "\(DeployChecks.failures(outcome))")
    }
}
