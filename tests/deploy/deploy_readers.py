"""Readers for tests/deploy/manifests_test.py: the files under deploy/ (YAML with duplicate keys
refused, Dockerfile instructions, systemd units, text-format protobuf, the .proto it follows),
command lines and their --flags, Kubernetes objects and selectors, and PromQL metric names.
Plain Python and Debian's python3-yaml; no network."""

import json
import os
import re
import shlex
import socket
import subprocess
import tempfile
import time
import urllib.request

import yaml

WORKLOAD_KINDS = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"}
CLUSTER_SCOPED_KINDS = {"Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume",
                        "StorageClass", "PriorityClass", "CustomResourceDefinition"}
DEFAULT_TERMINATION_GRACE = 30  # Kubernetes' default terminationGracePeriodSeconds


# --------------------------------------------------------------------------------------------------
# Reading the files
# --------------------------------------------------------------------------------------------------

class StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key repeated in one mapping (PyYAML would keep the last silently,
    hiding an edit that the first occurrence seems to make)."""


def _construct_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark, f"found duplicate key {key!r}",
                key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


# The deploy/ directory under test (set by the test's main).
DEPLOY = ""


def rel(path):
    return os.path.relpath(path, DEPLOY)


def deploy_files(*suffixes):
    found = []
    for root, dirs, files in os.walk(DEPLOY):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(suffixes):
                found.append(os.path.join(root, name))
    return found


def is_prometheus_file(path):
    return rel(path).split(os.sep)[0] == "prometheus"


def wpsd_flags(wpsd):
    """Flag name -> default (as printed) of every flag `wpsd --helpfull` lists."""
    result = subprocess.run([wpsd, "--helpfull"], capture_output=True, text=True, timeout=60)
    text = result.stdout + result.stderr
    flags = {}
    for match in re.finditer(r"^\s+--(\w+) \((.*?)\);\s+default: ([^\n]*?);\s*$", text, re.M | re.S):
        flags[match.group(1)] = match.group(3).strip().strip('"')
    return flags


def exported_metrics(wpsd):
    """(names, histogram names) of the metric families a real wpsd serves on --metrics_listen: started
    on 127.0.0.1 with a temporary data dir, scraped once, stopped. Families without samples yet (per
    peer) are listed too: prometheus-cpp writes their # TYPE line. Needs wpsctl beside wpsd."""
    def free_port():
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]
    port = free_port()
    with tempfile.TemporaryDirectory() as scratch:
        ready = os.path.join(scratch, "ready")
        server = subprocess.Popen([wpsd, "--listen=127.0.0.1:0", f"--data_dir={scratch}/data",
                                   f"--ready_file={ready}", f"--metrics_listen=127.0.0.1:{port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            deadline = time.time() + 60
            while not os.path.exists(ready):
                if server.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"wpsd did not start: {server.stderr.read().decode()}")
                time.sleep(0.05)
            # One call, so that the per-method RPC families have a sample (and so a # TYPE line).
            address = open(ready).read().strip()
            subprocess.run([os.path.join(os.path.dirname(wpsd), "wpsctl"), f"--server={address}", "health"],
                           capture_output=True, timeout=60, check=True)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=30) as response:
                text = response.read().decode()
        finally:
            server.terminate()
            server.wait(timeout=60)
    types = dict(re.findall(r"^# TYPE (\S+) (\S+)$", text, re.M))
    return set(types) | {"up"}, {name for name, kind in types.items() if kind == "histogram"}


def parse_flags(argv):
    """[(name, value)] of the --flags in argv (value None for a bare --flag)."""
    flags = []
    for arg in argv:
        if isinstance(arg, str) and arg.startswith("--"):
            name, sep, value = arg[2:].partition("=")
            flags.append((name, value if sep else None))
    return flags


def last_values(argv):
    """Flag name -> its last value in argv (absl: the last occurrence wins)."""
    return {name: value for name, value in parse_flags(argv)}


def port_of(address):
    return int(address.rsplit(":", 1)[1]) if address and ":" in address else None


def dockerfile_instructions(path):
    """[(INSTRUCTION, arguments)] with continuation lines joined and comments dropped."""
    instructions, pending = [], ""
    with open(path, encoding="utf-8") as f:
        for line in f:
            stripped = line.strip()
            if not pending and (not stripped or stripped.startswith("#")):
                continue
            if pending and stripped.startswith("#"):
                continue
            if stripped.endswith("\\"):
                pending += stripped[:-1] + " "
                continue
            pending += stripped
            word, _, rest = pending.partition(" ")
            instructions.append((word.upper(), rest.strip()))
            pending = ""
    return instructions


def dockerfile_argv(arguments):
    """The argv of an exec-form (JSON) or shell-form instruction argument."""
    try:
        value = json.loads(arguments)
        if isinstance(value, list):
            return value
    except ValueError:
        pass
    return shlex.split(arguments)


def systemd_unit(path):
    """{section: {key: [values in order]}}, continuation lines joined."""
    sections, section, pending = {}, None, ""
    with open(path, encoding="utf-8") as f:
        for line in f:
            stripped = line.strip()
            if not pending and (not stripped or stripped[0] in "#;"):
                continue
            if stripped.endswith("\\"):
                pending += stripped[:-1] + " "
                continue
            stripped, pending = pending + stripped, ""
            if stripped.startswith("[") and stripped.endswith("]"):
                section = stripped[1:-1]
                sections.setdefault(section, {})
                continue
            key, _, value = stripped.partition("=")
            sections.setdefault(section, {}).setdefault(key.strip(), []).append(value.strip())
    return sections


def seconds_of(span):
    """A systemd time span ("60", "90s", "1min 30s", "2m") in seconds."""
    units = {"": 1, "s": 1, "sec": 1, "second": 1, "seconds": 1, "m": 60, "min": 60,
             "minute": 60, "minutes": 60, "h": 3600, "hr": 3600, "hour": 3600, "hours": 3600,
             "ms": 0.001, "msec": 0.001}
    total = 0.0
    for number, unit in re.findall(r"(\d+(?:\.\d+)?)\s*([a-z]*)", span):
        if unit not in units:
            raise ValueError(f"unknown time unit in {span!r}")
        total += float(number) * units[unit]
    return total


def parse_textproto(text):
    """A small text-format protobuf reader: {field: [values]}, a message value being such a dict."""
    tokens = re.findall(r'"(?:[^"\\]|\\.)*"|[{}:]|[^\s{}:"]+', re.sub(r"#[^\n]*", "", text))
    pos = 0

    def message(until_brace):
        nonlocal pos
        fields = {}
        while pos < len(tokens):
            token = tokens[pos]
            if token == "}":
                if not until_brace:
                    raise ValueError("unexpected '}'")
                pos += 1
                return fields
            name = token
            pos += 1
            if pos < len(tokens) and tokens[pos] == ":":
                pos += 1
            if pos < len(tokens) and tokens[pos] == "{":
                pos += 1
                fields.setdefault(name, []).append(message(True))
            else:
                if pos >= len(tokens):
                    raise ValueError(f"no value for {name}")
                value = tokens[pos]
                pos += 1
                fields.setdefault(name, []).append(value[1:-1] if value.startswith('"') else value)
        if until_brace:
            raise ValueError("missing '}'")
        return fields

    return message(False)


def proto_messages(path):
    """{message name: {field name: type}} of a .proto file (flat; enough for server_config.proto)."""
    with open(path, encoding="utf-8") as f:
        text = re.sub(r"//[^\n]*", "", f.read())
    messages = {}
    for match in re.finditer(r"message\s+(\w+)\s*\{([^{}]*)\}", text):
        fields = {}
        for field in re.finditer(r"(?:repeated\s+|optional\s+)?([\w.]+)\s+(\w+)\s*=\s*\d+", match.group(2)):
            fields[field.group(2)] = field.group(1)
        messages[match.group(1)] = fields
    return messages


# --------------------------------------------------------------------------------------------------
# Kubernetes object helpers
# --------------------------------------------------------------------------------------------------

class Obj:
    """One Kubernetes document and where it came from."""

    def __init__(self, path, doc):
        self.path, self.doc = path, doc
        self.kind = doc.get("kind", "")
        meta = doc.get("metadata") or {}
        self.name = meta.get("name", "")
        self.namespace = meta.get("namespace")

    def __str__(self):
        return f"{rel(self.path)}: {self.kind}/{self.name}"


def pod_template(obj):
    spec = obj.doc.get("spec") or {}
    if obj.kind == "Pod":
        return obj.doc
    if obj.kind == "CronJob":
        return ((spec.get("jobTemplate") or {}).get("spec") or {}).get("template") or {}
    return spec.get("template") or {}


def pod_spec(obj):
    return pod_template(obj).get("spec") or {}


def pod_labels(obj):
    return (pod_template(obj).get("metadata") or {}).get("labels") or {}


def containers(obj):
    spec = pod_spec(obj)
    return (spec.get("initContainers") or []) + (spec.get("containers") or [])


def selector_matches(selector, labels):
    """A LabelSelector (or a plain map, as in a Service) against a label map."""
    if selector is None:
        return False
    if "matchLabels" not in selector and "matchExpressions" not in selector:
        selector = {"matchLabels": selector}
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expr in selector.get("matchExpressions") or []:
        key, op, values = expr.get("key"), expr.get("operator"), expr.get("values") or []
        if op == "In" and labels.get(key) not in values:
            return False
        if op == "NotIn" and labels.get(key) in values:
            return False
        if op == "Exists" and key not in labels:
            return False
        if op == "DoesNotExist" and key in labels:
            return False
    return True


def is_empty_selector(selector):
    return not (selector or {}).get("matchLabels") and not (selector or {}).get("matchExpressions")


PROMQL_KEYWORDS = {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left",
                   "group_right", "bool", "offset", "inf", "nan", "atan2"}


def promql_problems(expr, known_metrics, histograms):
    """Unbalanced brackets, and metric names that are not wpsd's (or `up`)."""
    problems = []
    text = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`', '""', expr)
    stack = []
    for ch in text:
        if ch in "([{":
            stack.append(ch)
        elif ch in ")]}":
            if not stack or "([{"[")]}".index(ch)] != stack.pop():
                problems.append("unbalanced brackets")
                break
    if stack and not problems:
        problems.append("unbalanced brackets")
    text = re.sub(r"\{[^{}]*\}", " ", text)              # label matchers
    text = re.sub(r"\[[^\[\]]*\]", " ", text)            # ranges and subqueries
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)", " ", text)
    for match in re.finditer(r"(?<![\w.])[A-Za-z_:][A-Za-z0-9_:]*", text):
        word = match.group(0)
        if word in PROMQL_KEYWORDS or re.match(r"\s*\(", text[match.end():]):
            continue  # an operator keyword, or a function call
        base = word
        for suffix in ("_bucket", "_sum", "_count"):
            if word.endswith(suffix) and word[:-len(suffix)] in histograms:
                base = word[:-len(suffix)]
        if base in histograms and base == word:
            problems.append(f"names the histogram {word} itself; use {word}_bucket, _sum or _count")
        elif base not in known_metrics:
            problems.append(f"names metric {word!r}, which wpsd does not export")
    return problems
