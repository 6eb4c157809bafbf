#!/usr/bin/env python3
"""Generates deploy/asyncapi/asyncapi.yaml, the AsyncAPI 3.0 document of every topic and event type,
from the code: the event structs of Shared/Contracts (type, topic, fields, which are optional, their
doc comments, the record key), deploy/topics.txt (partitions) and the golden files of
Tests/ContractsTests/Golden (the examples). Tests/DeployTests regenerates it and fails when the
committed document differs, so it cannot drift.

    python3 deploy/asyncapi/generate.py [--root REPO] [--check]    (needs PyYAML: deploy/checks/run.sh sets it up)
"""
import argparse
import json
import os
import re
import sys

import yaml

SCALARS = {
    "String": {"type": "string"},
    "UUID": {"type": "string", "format": "uuid", "description": "UUID (upper-case hex in payloads)"},
    "Date": {"type": "string", "format": "date-time", "description": "RFC 3339 UTC time with milliseconds"},
    "Int": {"type": "integer"}, "Int64": {"type": "integer"}, "Int32": {"type": "integer"},
    "Double": {"type": "number"}, "Float": {"type": "number"}, "Decimal": {"type": "number"},
    "Bool": {"type": "boolean"},
}


def matching_brace(text, start):
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index
    raise ValueError("unbalanced braces")


DECLARATION = re.compile(r"(?:public\s+)?(struct|enum)\s+(\w+)[^{\n]*\{")


def parse_types(text):
    """{name: {"kind", "body", "nested", "top"}} for the structs and enums declared at this level."""
    types, index = {}, 0
    while True:
        match = DECLARATION.search(text, index)
        if not match:
            return types
        open_at = match.end() - 1
        close_at = matching_brace(text, open_at)
        body = text[open_at + 1:close_at]
        types[match.group(2)] = {"kind": match.group(1), "body": body, "nested": parse_types(body),
                                 "doc": doc_before(text, match.start())}
        index = close_at + 1


def top_level(body):
    """The lines of a body outside any nested braces."""
    out, depth = [], 0
    for char in body:
        if char == "{":
            depth += 1
            if depth == 1:
                out.append("{")
        elif char == "}":
            depth -= 1
            if depth == 0:
                out.append("}")
        elif depth == 0:
            out.append(char)
    return "".join(out)


def doc_before(text, position):
    lines = text[:position].rstrip("\n").split("\n")
    doc = []
    while lines and lines[-1].strip().startswith("///"):
        doc.insert(0, lines.pop().strip()[3:].strip())
    return " ".join(doc) or None


def stored_properties(declaration):
    body = declaration["body"]
    flat = top_level(body)
    properties = []
    for match in re.finditer(r"^[ \t]*(?:public\s+)?(?:var|let)\s+(\w+)\s*:\s*([^={}\n]+?)\s*$", flat, re.M):
        line_start = flat.rfind("\n", 0, match.start()) + 1
        if "static" in flat[line_start:match.start()]:
            continue
        # Doc comments sit in the original body just above the property.
        position = body.find(match.group(0).strip())
        line = body.rfind("\n", 0, position) + 1
        properties.append((match.group(1), match.group(2).strip(), doc_before(body, line) if position >= 0 else None))
    return properties


def enum_cases(declaration):
    values = []
    for line in top_level(declaration["body"]).split("\n"):
        line = line.strip()
        if line.startswith("case "):
            for part in line[5:].split(","):
                part = part.strip()
                raw = re.search(r'=\s*"([^"]*)"', part)
                values.append(raw.group(1) if raw else part.split()[0])
    return values


class Contracts:
    def __init__(self, root):
        self.root = root
        self.types = {}
        self.shared = {}
        self.texts = []
        folder = os.path.join(root, "Shared/Contracts")
        for base, _, files in os.walk(folder):
            for name in sorted(files):
                if name.endswith(".swift"):
                    with open(os.path.join(base, name), encoding="utf-8") as handle:
                        text = handle.read()
                    self.texts.append(text)
                    self.types.update(parse_types(text))
        topic_text = open(os.path.join(folder, "Topic.swift"), encoding="utf-8").read()
        self.topic_names = dict(re.findall(r'static let (\w+) = Topic\("([^"]+)"\)', topic_text))

    def events(self):
        found = []
        for name, declaration in self.types.items():
            flat = top_level(declaration["body"])
            event_type = re.search(r'static let eventType = "([^"]+)"', flat)
            topic = re.search(r"static let topic = Topic\.(\w+)", flat)
            if declaration["kind"] == "struct" and event_type and topic:
                subject = re.search(r"var subject: String \{\s*(.+?)(?:\.uuidString)?(?:\.lowercased\(\))?\s*\}",
                                    declaration["body"])
                found.append({"struct": name, "type": event_type.group(1), "topic": self.topic_names[topic.group(1)],
                              "doc": declaration["doc"], "subject": subject.group(1) if subject else None,
                              "declaration": declaration})
        return sorted(found, key=lambda e: e["type"])

    def schema(self, swift_type, scope, strict):
        swift_type = swift_type.strip()
        if swift_type.endswith("?"):
            return self.schema(swift_type[:-1], scope, strict)
        if swift_type.startswith("[") and swift_type.endswith("]"):
            inner = swift_type[1:-1]
            if ":" in inner:
                _, value = inner.split(":", 1)
                return {"type": "object", "additionalProperties": self.schema(value, scope, strict)}
            return {"type": "array", "items": self.schema(inner, scope, strict)}
        if swift_type in SCALARS:
            return dict(SCALARS[swift_type])
        declaration = None
        if "." in swift_type:
            parts = swift_type.split(".")
            declaration = self.types.get(parts[0])
            for part in parts[1:]:
                declaration = declaration and declaration["nested"].get(part)
        for candidate in ([] if declaration else scope):
            if swift_type in candidate:
                declaration = candidate[swift_type]
                break
        if declaration is None:
            declaration = self.types.get(swift_type.split(".")[-1])
        if declaration is None:
            raise SystemExit(f"generate.py: no declaration for the Swift type {swift_type}")
        if declaration["kind"] == "enum":
            result = {"type": "string", "enum": enum_cases(declaration)}
            if declaration.get("doc"):
                result["description"] = declaration["doc"]
            return result
        # A struct shared by several events (CaseFacts, say) is one schema in components, referenced.
        name = swift_type.replace(".", "")
        if name not in self.shared:
            self.shared[name] = None   # placeholder: recursion guard
            result = self.object_schema(declaration, [declaration["nested"]] + scope, strict)
            if declaration.get("doc"):
                result["description"] = declaration["doc"]
            self.shared[name] = result
        return {"$ref": f"#/components/schemas/{name}"}

    def object_schema(self, declaration, scope, strict):
        properties, required = {}, []
        for name, swift_type, doc in stored_properties(declaration):
            schema = self.schema(swift_type, scope, strict)
            if doc:
                schema = {"allOf": [schema], "description": doc} if "$ref" in schema else {**schema, "description": doc}
            properties[name] = schema
            if not swift_type.endswith("?"):
                required.append(name)
        result = {"type": "object", "properties": properties}
        if required:
            result["required"] = required
        # Readers must accept fields added later (a compatible change); the strict form, used to check
        # the golden files, refuses fields the code does not declare.
        result["additionalProperties"] = not strict
        return result


def golden(root, event_type):
    path = os.path.join(root, "Tests/ContractsTests/Golden", f"{event_type}.json")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def topics(root):
    listed = []
    for line in open(os.path.join(root, "deploy/topics.txt"), encoding="utf-8"):
        fields = line.split("#", 1)[0].split()
        if fields:
            listed.append((fields[0], int(fields[1])))
    return listed


def channel_id(topic):
    return topic.removeprefix("qinqing.").replace(".", "-")


CE_HEADERS = {
    "ce_id": {"type": "string", "format": "uuid", "description": "Event id (lower-case UUID), unique per event: the idempotency key. A redelivered or republished event has the same ce_id."},
    "ce_source": {"type": "string", "description": "The producing service: /qinqing/<service>."},
    "ce_type": {"type": "string", "description": "The event type; its last segment is the contract's major version."},
    "ce_time": {"type": "string", "format": "date-time", "description": "When the change happened (RFC 3339, UTC, milliseconds)."},
    "ce_subject": {"type": "string", "description": "The aggregate the event is about; equal to the record key."},
    "ce_specversion": {"type": "string", "const": "1.0", "description": "CloudEvents version."},
    "content-type": {"type": "string", "const": "application/json"},
}


def build(root, strict=False):
    contracts = Contracts(root)
    events = contracts.events()
    listed = dict(topics(root))
    producers = {}
    for event in events:
        producers.setdefault(event["topic"], []).append(event)

    messages, schemas, channels, operations = {}, {}, {}, {}
    for event in events:
        payload = contracts.object_schema(event["declaration"], [event["declaration"]["nested"]], strict)
        payload["description"] = event["doc"] or event["type"]
        schemas[event["type"]] = payload
        source = "/qinqing/" + event["type"].split(".")[1]
        headers = {"type": "object", "required": sorted(CE_HEADERS), "properties": dict(CE_HEADERS)}
        headers["properties"] = {**CE_HEADERS, "ce_type": {**CE_HEADERS["ce_type"], "const": event["type"]},
                                 "ce_source": {**CE_HEADERS["ce_source"], "const": source}}
        key_text = f"`{event['subject']}` of the payload" if event["subject"] else "the aggregate id"
        message = {
            "name": event["type"],
            "title": event["struct"],
            "summary": event["doc"] or event["type"],
            "contentType": "application/json",
            "headers": headers,
            "payload": {"$ref": f"#/components/schemas/{event['type']}"},
            "correlationId": {"location": "$message.header#/ce_subject", "description": "the aggregate id (the record key)"},
            "bindings": {"kafka": {"key": {"type": "string", "description": f"Record key: {key_text} (lower-case UUID). Events with one key keep their order."},
                                   "bindingVersion": "0.5.0"}},
        }
        sample = golden(root, event["type"])
        if sample is not None:
            message["examples"] = [{"name": "golden", "summary": f"Tests/ContractsTests/Golden/{event['type']}.json", "payload": sample}]
        messages[event["type"]] = message

    for topic, partitions in listed.items():
        dead_letter = topic.endswith(".dlq")
        main = topic[:-4] if dead_letter else topic
        refs = {e["type"]: {"$ref": f"#/components/messages/{e['type']}"} for e in producers.get(main, [])}
        restricted = main == "qinqing.identity.contacts.v1"
        description = (f"Dead-letter topic of {main}: records a consumer could not process, unchanged, with a "
                       "`dlq_reason` header. Written by consumers, read by operators." if dead_letter else
                       f"Events of the {main.split('.')[1]} service, major version {main.rsplit('.v', 1)[1]}; one producer.")
        if restricted:
            description += (" RESTRICTED: phone numbers for the notifications service only; never mirrored to "
                            "department systems; read access by Kafka ACL (see the consumer guide).")
        channel = {"address": topic, "title": topic, "description": description, "messages": refs,
                   "bindings": {"kafka": {"topic": topic, "partitions": partitions, "replicas": 3,
                                          "topicConfiguration": {"cleanup.policy": ["delete"],
                                                                 "retention.ms": 1209600000 if dead_letter else 2592000000},
                                          "bindingVersion": "0.5.0"}}}
        if restricted:
            channel["tags"] = [{"name": "restricted"}]
        channels[channel_id(topic)] = channel
        if not dead_letter and refs:
            operations[f"publish-{channel_id(topic)}"] = {
                "action": "send", "channel": {"$ref": f"#/channels/{channel_id(topic)}"},
                "summary": f"The {main.split('.')[1]} service publishes through its transactional outbox (at least once).",
                "messages": [{"$ref": f"#/channels/{channel_id(topic)}/messages/{t}"} for t in refs],
            }

    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Qinqing platform events",
            "version": "1.0.0",
            "description": ("Every Kafka topic the platform's five services publish, every event type and version, the "
                            "record key, the CloudEvents 1.0 binary-mode headers and a JSON Schema per payload. "
                            "Generated by deploy/asyncapi/generate.py from Shared/Contracts, deploy/topics.txt and the golden "
                            "files; the consumer guide is deploy/asyncapi/CONSUMERS.md."),
            "license": {"name": "Proprietary: for the city's department systems"},
        },
        "defaultContentType": "application/json",
        "servers": {"production": {"host": "kafka-0.kafka:9092", "protocol": "kafka", "protocolVersion": "3.8",
                                   "description": "The city's Apache Kafka cluster (SASL_SSL in production; ask ops for credentials)."}},
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages, "schemas": {**schemas, **dict(sorted(contracts.shared.items()))}},
    }


class NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def render(document):
    header = ("# GENERATED by deploy/asyncapi/generate.py from Shared/Contracts, deploy/topics.txt and\n"
              "# Tests/ContractsTests/Golden. Do not edit: change the code and run the generator again.\n")
    return header + yaml.dump(document, Dumper=NoAliases, sort_keys=False, allow_unicode=True, width=110)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    parser.add_argument("--check", action="store_true", help="fail when the committed document differs")
    args = parser.parse_args()
    path = os.path.join(args.root, "deploy/asyncapi/asyncapi.yaml")
    text = render(build(args.root))
    if args.check:
        current = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
        if current != text:
            print("deploy/asyncapi/asyncapi.yaml is out of date: run python3 deploy/asyncapi/generate.py")
            sys.exit(1)
        return
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
