import Foundation
import Testing

@Suite("Deployment: Kubernetes manifests")
struct KubernetesTests {
    /// Every manifest against the Kubernetes schemas (kubernetes-validate, strict), then against the
    /// code: probes, ports, replicas, resources, variables, secrets referenced, PDBs, the jobs, and the
    /// ConfigMaps that copy deploy/topics.txt, create-topics.sh and the gateway's files.
    @Test("deploy/k8s follows the Kubernetes schemas and agrees with the code")
    func manifestsAgreeWithTheCode() throws {
        let outcome = try DeployChecks.run(["k8s", "--services", DeployChecks.services])
        #expect(outcome.status == 0, "\(DeployChecks.failures(outcome))")
    }
}
