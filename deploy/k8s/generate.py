#!/usr/bin/env python3
"""Writes the manifests of deploy/k8s/ (run: deploy/checks/run.sh k8s-generate). The YAML files are
committed and are what ops apply; this script keeps the five services alike and copies deploy/topics.txt,
deploy/kafka/create-topics.sh and deploy/gateway/*.conf into their ConfigMaps. Tests/DeployTests fails
when the committed files differ from its output. Edit the settings here, then run it again."""
import os, sys, yaml
root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
out = os.path.join(root, "deploy/k8s")
os.makedirs(out, exist_ok=True)
# (service, port, replicas, reads personal-data keys); the ports are ServiceConfiguration.defaultPorts.
services = [("identity", 8101, 2, True), ("policy", 8102, 2, True), ("appeals", 8103, 3, True),
            ("filing", 8104, 2, True), ("notifications", 8105, 2, True)]
IMAGE = "registry.example.gov.cn/qinqing/qinqing:1.0.0"
NS = "qinqing"

class Literal(str): pass
def literal_repr(dumper, data):
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
yaml.add_representer(Literal, literal_repr, Dumper=yaml.SafeDumper)

def dump(path, docs, header):
    with open(os.path.join(out, path), "w") as f:
        f.write(header.rstrip() + "\n")
        for d in docs:
            f.write("---\n")
            f.write(yaml.safe_dump(d, sort_keys=False, width=120, allow_unicode=True))

def labels(name, component="service"):
    return {"app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "qinqing", "app.kubernetes.io/component": component}

def sec(name, key):
    return {"valueFrom": {"secretKeyRef": {"name": name, "key": key}}}

def service_env(svc, pii):
    env = [{"name": "QINQING_SERVICE", "value": svc},
           {"name": "QINQING_POSTGRES_URL", "value": f"postgresql://qinqing_{svc}@postgres:5432/qinqing?sslmode=prefer"},
           {"name": "PGPASSWORD", **sec(f"qinqing-db-{svc}", "password")}]
    if pii:
        env += [{"name": "QINQING_PII_KEYS", **sec("qinqing-pii", "keys")},
                {"name": "QINQING_PII_CURRENT_KEY", **sec("qinqing-pii", "current-key")},
                {"name": "QINQING_PII_HASH_KEY", **sec("qinqing-pii", "hash-key")}]
    if svc == "identity":
        env += [{"name": "QINQING_BCRYPT_COST", "value": "12"},
                {"name": "QINQING_SIGNIN_PER_IP_PER_MINUTE", "value": "30"},
                {"name": "QINQING_SIGNIN_CAPTCHA", "value": "always"},
                # The gateway pods' range (the cluster's pod CIDR): only their X-Forwarded-For is believed.
                {"name": "QINQING_TRUSTED_PROXIES", "value": "10.0.0.0/8"},
                {"name": "QINQING_SEED_DEMO", "value": "0"}]
    if svc == "notifications":
        env += [{"name": "QINQING_SMS_PROVIDER", "value": "http"},
                {"name": "QINQING_SMS_URL", "value": "https://sms-gateway.example.gov.cn/send"},
                {"name": "QINQING_SMS_ACCESS_KEY", **sec("qinqing-sms", "access-key")},
                {"name": "QINQING_SMS_SECRET", **sec("qinqing-sms", "secret")}]
    return env

security = {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True, "runAsNonRoot": True,
            "capabilities": {"drop": ["ALL"]}}
pod_security = {"runAsNonRoot": True, "runAsUser": 10001, "runAsGroup": 10001, "fsGroup": 10001,
                "seccompProfile": {"type": "RuntimeDefault"}}

common = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "qinqing-common", "namespace": NS, "labels": labels("qinqing", "config")},
          "data": {"QINQING_ENVIRONMENT": "production", "QINQING_HTTP_HOST": "0.0.0.0", "QINQING_LOG_LEVEL": "info",
                   "QINQING_KAFKA_BROKERS": "kafka-0.kafka:9092,kafka-1.kafka:9092,kafka-2.kafka:9092",
                   "QINQING_IDENTITY_URL": "http://identity:8101", "QINQING_POSTGRES_POOL_SIZE": "10",
                   "QINQING_OUTBOX_RETENTION_DAYS": "7", "QINQING_PUBLIC_LIST_CACHE_SECONDS": "2",
                   **{f"QINQING_{s.upper()}_PORT": str(p) for s, p, _, _ in services}}}
ns = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": NS, "labels": {"app.kubernetes.io/part-of": "qinqing",
      "pod-security.kubernetes.io/enforce": "restricted"}}}
dump("00-namespace.yaml", [ns, common], """
# Namespace and the settings every service shares. Secrets are NOT here: create them first (README,
# "Deployment"): qinqing-db-<service> (key password), qinqing-pii (keys, current-key, hash-key),
# qinqing-sms (access-key, secret). Kafka and PostgreSQL are the city's managed clusters; point
# QINQING_KAFKA_BROKERS and the postgres Service (an ExternalName, 10-backing.yaml) at them.
""")

backing = [{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "postgres", "namespace": NS, "labels": labels("postgres", "database")},
            "spec": {"type": "ExternalName", "externalName": "pg-primary.db.example.gov.cn"}}]
dump("10-backing.yaml", backing, """
# PostgreSQL is the city's managed cluster; the services reach it as postgres:5432 through this name.
""")

for svc, port, replicas, pii in services:
    container = {"name": svc, "image": IMAGE, "imagePullPolicy": "IfNotPresent", "args": [svc, "serve"],
                 "ports": [{"name": "http", "containerPort": port}],
                 "envFrom": [{"configMapRef": {"name": "qinqing-common"}}],
                 "env": service_env(svc, pii),
                 "startupProbe": {"httpGet": {"path": "/health/live", "port": "http"}, "periodSeconds": 5, "failureThreshold": 24},
                 "readinessProbe": {"httpGet": {"path": "/health/ready", "port": "http"}, "periodSeconds": 5, "timeoutSeconds": 2, "failureThreshold": 3},
                 "livenessProbe": {"httpGet": {"path": "/health/live", "port": "http"}, "periodSeconds": 10, "timeoutSeconds": 2, "failureThreshold": 6},
                 "resources": {"requests": {"cpu": "250m", "memory": "256Mi"}, "limits": {"cpu": "1", "memory": "768Mi" if svc in ("identity", "appeals") else "512Mi"}},
                 "securityContext": security,
                 "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}]}
    deployment = {"apiVersion": "apps/v1", "kind": "Deployment",
                  "metadata": {"name": svc, "namespace": NS, "labels": labels(svc)},
                  "spec": {"replicas": replicas, "revisionHistoryLimit": 5,
                           "selector": {"matchLabels": {"app.kubernetes.io/name": svc}},
                           "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 0, "maxSurge": 1}},
                           "template": {"metadata": {"labels": labels(svc),
                                                     "annotations": {"prometheus.io/scrape": "true", "prometheus.io/port": str(port), "prometheus.io/path": "/metrics"}},
                                        "spec": {"securityContext": pod_security, "terminationGracePeriodSeconds": 40,
                                                 "automountServiceAccountToken": False,
                                                 "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "kubernetes.io/hostname",
                                                                                "whenUnsatisfiable": "ScheduleAnyway",
                                                                                "labelSelector": {"matchLabels": {"app.kubernetes.io/name": svc}}}],
                                                 "containers": [container],
                                                 "volumes": [{"name": "tmp", "emptyDir": {"sizeLimit": "64Mi"}}]}}}}
    service = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": svc, "namespace": NS, "labels": labels(svc)},
               "spec": {"selector": {"app.kubernetes.io/name": svc}, "ports": [{"name": "http", "port": port, "targetPort": "http"}]}}
    pdb = {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": svc, "namespace": NS, "labels": labels(svc)},
           "spec": {"minAvailable": 1, "selector": {"matchLabels": {"app.kubernetes.io/name": svc}}}}
    dump(f"20-{svc}.yaml", [deployment, service, pdb], f"""
# The {svc} service: {replicas} replicas behind the Service {svc}:{port}; ready only when PostgreSQL and Kafka answer.
# Migrations run in the qinqing-migrate Job (30-jobs.yaml) before this rollout; `serve` would apply any
# left over itself, under an advisory lock, so a replica never serves an unmigrated schema.
""")

# Jobs
init = []
for svc, port, _, pii in services:
    init.append({"name": f"migrate-{svc}", "image": IMAGE, "args": [svc, "migrate"],
                 "envFrom": [{"configMapRef": {"name": "qinqing-common"}}],
                 "env": service_env(svc, False)[:3],
                 "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"cpu": "500m", "memory": "256Mi"}},
                 "securityContext": security})
migrate = {"apiVersion": "batch/v1", "kind": "Job",
           "metadata": {"name": "qinqing-migrate", "namespace": NS, "labels": labels("qinqing-migrate", "migration"),
                        "annotations": {"argocd.argoproj.io/hook": "PreSync", "helm.sh/hook": "pre-install,pre-upgrade"}},
           "spec": {"backoffLimit": 3, "activeDeadlineSeconds": 900, "ttlSecondsAfterFinished": 86400,
                    "template": {"metadata": {"labels": labels("qinqing-migrate", "migration")},
                                 "spec": {"restartPolicy": "Never", "securityContext": pod_security, "automountServiceAccountToken": False,
                                          "initContainers": init,
                                          "containers": [{"name": "done", "image": IMAGE, "command": ["/bin/sh", "-c", "echo all five schemas migrated"],
                                                          "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}, "limits": {"cpu": "100m", "memory": "32Mi"}},
                                                          "securityContext": security}]}}}}
topics_txt = open(os.path.join(root, "deploy/topics.txt")).read()
script = open(os.path.join(root, "deploy/kafka/create-topics.sh")).read()
topics_cm = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "qinqing-topics", "namespace": NS, "labels": labels("qinqing-topics", "kafka")},
             "data": {"topics.txt": Literal(topics_txt), "create-topics.sh": Literal(script)}}
topics_job = {"apiVersion": "batch/v1", "kind": "Job",
              "metadata": {"name": "qinqing-topics", "namespace": NS, "labels": labels("qinqing-topics", "kafka"),
                           "annotations": {"argocd.argoproj.io/hook": "PreSync", "helm.sh/hook": "pre-install,pre-upgrade"}},
              "spec": {"backoffLimit": 3, "activeDeadlineSeconds": 600, "ttlSecondsAfterFinished": 86400,
                       "template": {"metadata": {"labels": labels("qinqing-topics", "kafka")},
                                    "spec": {"restartPolicy": "Never", "automountServiceAccountToken": False,
                                             "securityContext": {"runAsNonRoot": True, "runAsUser": 1000, "seccompProfile": {"type": "RuntimeDefault"}},
                                             "containers": [{"name": "create-topics", "image": "apache/kafka:3.8.0",
                                                             "command": ["/bin/bash", "/qinqing/create-topics.sh"],
                                                             "env": [{"name": "KAFKA_BOOTSTRAP", "valueFrom": {"configMapKeyRef": {"name": "qinqing-common", "key": "QINQING_KAFKA_BROKERS"}}},
                                                                     {"name": "TOPICS_FILE", "value": "/qinqing/topics.txt"},
                                                                     {"name": "REPLICATION_FACTOR", "value": "3"},
                                                                     {"name": "MIN_INSYNC_REPLICAS", "value": "2"}],
                                                             "resources": {"requests": {"cpu": "100m", "memory": "256Mi"}, "limits": {"cpu": "1", "memory": "512Mi"}},
                                                             "securityContext": {**security, "readOnlyRootFilesystem": False},
                                                             "volumeMounts": [{"name": "topics", "mountPath": "/qinqing", "readOnly": True}]}],
                                             "volumes": [{"name": "topics", "configMap": {"name": "qinqing-topics", "defaultMode": 0o555}}]}}}}
dump("30-jobs.yaml", [topics_cm, topics_job, migrate], """
# Run before every rollout (Argo CD PreSync / Helm pre-install,pre-upgrade hooks; by hand:
#   kubectl apply -f 30-jobs.yaml && kubectl -n qinqing wait --for=condition=complete job/qinqing-topics job/qinqing-migrate --timeout=15m
# then apply the services). qinqing-topics creates deploy/topics.txt's topics (replication 3,
# min.insync.replicas 2); qinqing-migrate migrates the five schemas, each with its own role.
# The ConfigMap's topics.txt and create-topics.sh are copies of deploy/topics.txt and
# deploy/kafka/create-topics.sh; Tests/DeployTests fails when they differ.
""")

gw_files = {n: Literal(open(os.path.join(root, "deploy/gateway", n)).read()) for n in ("nginx.conf", "gateway.conf", "upstreams.conf")}
gw_cm = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "qinqing-gateway", "namespace": NS, "labels": labels("gateway", "gateway")},
         "data": gw_files}
gw_dep = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "gateway", "namespace": NS, "labels": labels("gateway", "gateway")},
          "spec": {"replicas": 2, "selector": {"matchLabels": {"app.kubernetes.io/name": "gateway"}},
                   "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 0, "maxSurge": 1}},
                   "template": {"metadata": {"labels": labels("gateway", "gateway")},
                                "spec": {"automountServiceAccountToken": False,
                                         # The official image's nginx user (101): the namespace enforces the
                                         # restricted Pod Security Standard, and 8080 needs no privilege.
                                         "securityContext": {"runAsNonRoot": True, "runAsUser": 101, "runAsGroup": 101,
                                                             "seccompProfile": {"type": "RuntimeDefault"}},
                                         "containers": [{"name": "nginx", "image": "nginx:1.26-bookworm",
                                                         "ports": [{"name": "http", "containerPort": 8080}],
                                                         "readinessProbe": {"httpGet": {"path": "/gateway/health", "port": "http"}, "periodSeconds": 5},
                                                         "livenessProbe": {"httpGet": {"path": "/gateway/health", "port": "http"}, "periodSeconds": 10},
                                                         "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}, "limits": {"cpu": "1", "memory": "256Mi"}},
                                                         "securityContext": security,
                                                         "volumeMounts": [{"name": "config", "mountPath": "/etc/nginx/nginx.conf", "subPath": "nginx.conf", "readOnly": True},
                                                                          {"name": "config", "mountPath": "/etc/nginx/qinqing/gateway.conf", "subPath": "gateway.conf", "readOnly": True},
                                                                          {"name": "config", "mountPath": "/etc/nginx/qinqing/upstreams.conf", "subPath": "upstreams.conf", "readOnly": True},
                                                                          {"name": "cache", "mountPath": "/var/cache/nginx"},
                                                                          {"name": "run", "mountPath": "/var/run"}]}],
                                         "volumes": [{"name": "config", "configMap": {"name": "qinqing-gateway"}},
                                                     {"name": "cache", "emptyDir": {}}, {"name": "run", "emptyDir": {}}]}}}}
gw_svc = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "gateway", "namespace": NS, "labels": labels("gateway", "gateway")},
          "spec": {"selector": {"app.kubernetes.io/name": "gateway"}, "ports": [{"name": "http", "port": 80, "targetPort": "http"}]}}
gw_pdb = {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "gateway", "namespace": NS, "labels": labels("gateway", "gateway")},
          "spec": {"minAvailable": 1, "selector": {"matchLabels": {"app.kubernetes.io/name": "gateway"}}}}
dump("40-gateway.yaml", [gw_cm, gw_dep, gw_svc, gw_pdb], """
# The nginx gateway (deploy/gateway/, copied into the ConfigMap; Tests/DeployTests fails when they
# differ). TLS terminates at the Ingress or load balancer in front of the Service gateway:80.
""")

# Network policies: the services take traffic only from the gateway, from each other (the JWKS of
# identity) and from the monitoring namespace (/metrics); the gateway from anywhere (its Ingress).
service_names = [svc for svc, _, _, _ in services]
service_ports = [{"protocol": "TCP", "port": port} for _, port, _, _ in services]
policies = [
    {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
     "metadata": {"name": "services-ingress", "namespace": NS, "labels": labels("qinqing", "network")},
     "spec": {"podSelector": {"matchExpressions": [{"key": "app.kubernetes.io/name", "operator": "In", "values": service_names}]},
              "policyTypes": ["Ingress"],
              "ingress": [{"from": [{"podSelector": {"matchLabels": {"app.kubernetes.io/name": "gateway"}}},
                                    {"podSelector": {"matchExpressions": [{"key": "app.kubernetes.io/name", "operator": "In", "values": service_names}]}},
                                    {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "monitoring"}}}],
                           "ports": service_ports}]}},
    {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
     "metadata": {"name": "gateway-ingress", "namespace": NS, "labels": labels("gateway", "network")},
     "spec": {"podSelector": {"matchLabels": {"app.kubernetes.io/name": "gateway"}}, "policyTypes": ["Ingress"],
              "ingress": [{"ports": [{"protocol": "TCP", "port": 8080}]}]}},
]
dump("50-network.yaml", policies, """
# Who may reach whom: the services only from the gateway, from each other and from the monitoring
# namespace (Prometheus scrapes /metrics, which the gateway never exposes); the gateway from its Ingress.
""")
