#!/bin/bash
# One-shot topic job: creates every topic of deploy/topics.txt ("name partitions" lines, # comments) on
# an Apache Kafka cluster with kafka-topics.sh (the apache/kafka image ships it), and sets retention on
# topics that exist already. Idempotent: safe to run on every deployment (compose, Kubernetes Job).
#
# Environment: KAFKA_BOOTSTRAP (kafka:9092), TOPICS_FILE (/topics.txt), REPLICATION_FACTOR (1 on a
# single node; 3 in production), MIN_INSYNC_REPLICAS (1; 2 in production), RETENTION_MS (event topics,
# 30 days: well beyond the outbox's 7-day republish window), DLQ_RETENTION_MS (dead-letter topics,
# 14 days), KAFKA_BIN (/opt/kafka/bin), KAFKA_COMMAND_CONFIG (client properties for SASL/TLS, optional).
set -euo pipefail

bootstrap=${KAFKA_BOOTSTRAP:-kafka:9092}
file=${TOPICS_FILE:-/topics.txt}
rf=${REPLICATION_FACTOR:-1}
min_isr=${MIN_INSYNC_REPLICAS:-1}
retention=${RETENTION_MS:-2592000000}
dlq_retention=${DLQ_RETENTION_MS:-1209600000}
bin=${KAFKA_BIN:-/opt/kafka/bin}
extra=()
[ -z "${KAFKA_COMMAND_CONFIG:-}" ] || extra=(--command-config "$KAFKA_COMMAND_CONFIG")

for attempt in $(seq 1 60); do
  "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" "${extra[@]}" --list >/dev/null 2>&1 && break
  [ "$attempt" -lt 60 ] || { echo "create-topics: $bootstrap does not answer" >&2; exit 1; }
  sleep 2
done

created=0
while read -r name partitions rest || [ -n "${name:-}" ]; do
  case "$name" in '' | '#'*) continue ;; esac
  case "$partitions" in '' | *[!0-9]*) echo "create-topics: $file: bad line for $name" >&2; exit 1 ;; esac
  case "$name" in *.dlq) ms=$dlq_retention ;; *) ms=$retention ;; esac
  "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" "${extra[@]}" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor "$rf" \
    --config "retention.ms=$ms" --config "min.insync.replicas=$min_isr" --config cleanup.policy=delete
  # An existing topic keeps its partitions (never shrunk); its retention follows this file.
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" "${extra[@]}" --alter --entity-type topics \
    --entity-name "$name" --add-config "retention.ms=$ms" >/dev/null
  created=$((created + 1))
done <"$file"
echo "create-topics: $created topics from $file are in place on $bootstrap"
