import Contracts
import Foundation
import Testing

@Suite("Topics")
struct TopicTests {
    @Test("each topic has exactly one producing service")
    func singleProducer() {
        for topic in Topic.all {
            let producers = ProducingService.allCases.filter { $0.topics.contains(topic) }
            #expect(producers.count == 1, "\(topic) has producers \(producers)")
        }
        #expect(Set(Topic.all).count == Topic.all.count)
    }

    @Test("topic names carry the producer and a major version")
    func naming() {
        for service in ProducingService.allCases {
            for topic in service.topics {
                #expect(topic.name.hasPrefix("qinqing.\(service.rawValue)."))
                #expect(topic.name.range(of: #"\.v[0-9]+$"#, options: .regularExpression) != nil)
            }
        }
    }

    @Test("deploy/topics.txt provisions every topic and its dead-letter twin")
    func provisioningListIsComplete() throws {
        let root = ProcessInfo.processInfo.environment["QINQING_REPO_ROOT"]
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let text = try String(contentsOfFile: root + "/deploy/topics.txt", encoding: .utf8)
        let listed = Set(
            text.split(separator: "\n").compactMap { line -> String? in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
                return trimmed.split(separator: " ").first.map(String.init)
            })
        for topic in Topic.all {
            #expect(listed.contains(topic.name), "\(topic) missing from deploy/topics.txt")
            #expect(listed.contains(topic.deadLetter.name), "\(topic.deadLetter) missing from deploy/topics.txt")
        }
    }
}
