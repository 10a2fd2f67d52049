#!/usr/bin/env python3
"""Invariants of the deployment files under deploy/: Kubernetes manifests, the Dockerfile, the
systemd unit, the Prometheus alert rules and the wpsd config files.

    python3 tests/deploy/manifests_test.py WPSD_BINARY DEPLOY_DIR [unittest options]

No network, no Docker, no cluster: YAML is parsed with Debian's python3-yaml and flags are checked
against `WPSD_BINARY --helpfull`, so a manifest naming a flag wpsd lacks fails here. When wpsctl sits
beside wpsd, the Dockerfile's HEALTHCHECK command is checked against `wpsctl --help` too. The
readers these tests use are in deploy_readers.py, beside this file.

Every test collects all its violations and fails once, listing each on its own line as
`file: object: what is wrong`.
"""

import os
import re
import shlex
import subprocess
import sys
import unittest

try:
    import yaml
except ImportError:  # pragma: no cover - environment problem, reported plainly
    sys.exit("manifests_test: python3-yaml is not installed (Debian package python3-yaml)")

sys.dont_write_bytecode = True  # no __pycache__ in the source tree when CTest runs this
import deploy_readers  # noqa: E402
from deploy_readers import (DEFAULT_TERMINATION_GRACE, CLUSTER_SCOPED_KINDS, WORKLOAD_KINDS, Obj,
                            StrictLoader, containers, deploy_files, dockerfile_argv,
                            dockerfile_instructions, is_empty_selector, is_prometheus_file,
                            last_values, parse_flags, parse_textproto, pod_labels, pod_spec, port_of,
                            promql_problems, proto_messages, exported_metrics, rel, seconds_of, selector_matches,
                            systemd_unit, wpsd_flags)

WPSD = ""
DEPLOY = ""

# --------------------------------------------------------------------------------------------------
# The tests
# --------------------------------------------------------------------------------------------------

class DeployFilesTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.flags = wpsd_flags(WPSD)
        cls.metrics, cls.histograms = exported_metrics(WPSD)
        cls.yaml_files = deploy_files(".yaml", ".yml")
        cls.parse_errors = []
        cls.documents = []  # (path, doc)
        for path in cls.yaml_files:
            try:
                with open(path, encoding="utf-8") as f:
                    for doc in yaml.load_all(f, Loader=StrictLoader):
                        if doc is not None:
                            cls.documents.append((path, doc))
            except yaml.YAMLError as error:
                cls.parse_errors.append(f"{rel(path)}: does not parse: {error}")
        cls.objects = [Obj(path, doc) for path, doc in cls.documents
                       if not is_prometheus_file(path) and isinstance(doc, dict)]
        cls.workloads = [o for o in cls.objects if o.kind in WORKLOAD_KINDS]
        dockerfile = os.path.join(DEPLOY, "container", "Dockerfile")
        cls.dockerfile = dockerfile if os.path.exists(dockerfile) else None
        cls.entrypoint = []
        if cls.dockerfile:
            for instruction, arguments in dockerfile_instructions(dockerfile):
                if instruction == "ENTRYPOINT":
                    cls.entrypoint = dockerfile_argv(arguments)

    # Helpers over the loaded objects.

    def argv(self, container):
        """The container's command line: its command, or the image's ENTRYPOINT, then its args."""
        command = container.get("command")
        return list(command if command else self.entrypoint) + list(container.get("args") or [])

    def effective(self, container):
        return last_values(self.argv(container))

    def grace_seconds(self, flags):
        value = flags.get("shutdown_grace_seconds") or self.flags.get("shutdown_grace_seconds", "10")
        return int(value)

    def find(self, kind, name, namespace):
        for o in self.objects:
            if o.kind == kind and o.name == name and o.namespace == namespace:
                return o
        return None

    def check(self, violations):
        if violations:
            self.fail(f"{len(violations)} violation(s):\n" + "\n".join(violations))

    # 1. Parsing and naming.

    def test_every_yaml_document_parses_and_is_named(self):
        violations = list(self.parse_errors)
        if not self.yaml_files:
            violations.append(f"{DEPLOY}: no YAML files found")
        for path, doc in self.documents:
            if is_prometheus_file(path):
                continue
            if not isinstance(doc, dict):
                violations.append(f"{rel(path)}: a document is not a mapping")
                continue
            for field in ("apiVersion", "kind"):
                if not doc.get(field):
                    violations.append(f"{rel(path)}: a document has no {field}")
            if not (doc.get("metadata") or {}).get("name"):
                violations.append(f"{rel(path)}: {doc.get('kind', 'a document')} has no metadata.name")
        self.check(violations)

    def test_namespaced_objects_name_an_existing_namespace(self):
        namespaces = {o.name for o in self.objects if o.kind == "Namespace"}
        violations = []
        for o in self.objects:
            if o.kind in CLUSTER_SCOPED_KINDS:
                continue
            if not o.namespace:
                violations.append(f"{o}: no metadata.namespace (it would land in whatever namespace is current)")
            elif o.namespace not in namespaces:
                violations.append(f"{o}: namespace {o.namespace!r} is not defined by any Namespace under deploy/")
        self.check(violations)

    # 2. Containers.

    def test_containers_have_cpu_and_memory_requests_and_limits(self):
        violations = []
        self.assertTrue(self.workloads, "no workloads found under deploy/")
        for w in self.workloads:
            for c in containers(w):
                resources = c.get("resources") or {}
                for part in ("requests", "limits"):
                    for resource in ("cpu", "memory"):
                        if not (resources.get(part) or {}).get(resource):
                            violations.append(f"{w}: container {c.get('name')}: no resources.{part}.{resource}")
        self.check(violations)

    def test_containers_run_locked_down(self):
        violations = []
        for w in self.workloads:
            pod_context = pod_spec(w).get("securityContext") or {}
            for c in containers(w):
                where = f"{w}: container {c.get('name')}"
                context = c.get("securityContext") or {}
                merged = dict(pod_context, **context)
                if merged.get("runAsNonRoot") is not True:
                    violations.append(f"{where}: runAsNonRoot is not true")
                if merged.get("runAsUser") in (None, 0):
                    violations.append(f"{where}: runAsUser is not set to a non-zero uid")
                if context.get("readOnlyRootFilesystem") is not True:
                    violations.append(f"{where}: readOnlyRootFilesystem is not true")
                if context.get("allowPrivilegeEscalation") is not False:
                    violations.append(f"{where}: allowPrivilegeEscalation is not false")
                if context.get("privileged"):
                    violations.append(f"{where}: privileged")
                if "ALL" not in ((context.get("capabilities") or {}).get("drop") or []):
                    violations.append(f"{where}: capabilities.drop does not contain ALL")
                if (context.get("capabilities") or {}).get("add"):
                    violations.append(f"{where}: adds capabilities {context['capabilities']['add']}")
                seccomp = (merged.get("seccompProfile") or {}).get("type")
                if seccomp not in ("RuntimeDefault", "Localhost"):
                    violations.append(f"{where}: seccompProfile is {seccomp!r}, not RuntimeDefault")
        self.check(violations)

    def test_probes_are_native_grpc_on_the_health_listen_port(self):
        violations = []
        if "health_listen" not in self.flags:
            violations.append(f"{WPSD}: no --health_listen flag, which the probes' port depends on")
        for w in self.workloads:
            for c in pod_spec(w).get("containers") or []:
                where = f"{w}: container {c.get('name')}"
                health_port = port_of(self.effective(c).get("health_listen"))
                if health_port is None:
                    violations.append(f"{where}: no --health_listen=HOST:PORT in its command line or the image's ENTRYPOINT")
                named = {p.get("name"): p.get("containerPort") for p in c.get("ports") or []}
                for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
                    spec = c.get(probe)
                    if spec is None:
                        if probe != "startupProbe":
                            violations.append(f"{where}: no {probe}")
                        continue
                    grpc = spec.get("grpc")
                    if grpc is None:
                        violations.append(f"{where}: {probe} is not a native grpc probe")
                        continue
                    port = named.get(grpc.get("port"), grpc.get("port"))
                    if health_port is not None and port != health_port:
                        violations.append(f"{where}: {probe} probes port {grpc.get('port')}, "
                                          f"but --health_listen is on {health_port}")
                    if grpc.get("service"):
                        violations.append(f"{where}: {probe} checks service {grpc['service']!r}; "
                                          "wpsd's health port answers for the whole server (\"\")")
        self.check(violations)

    def test_termination_grace_exceeds_wpsd_shutdown_grace(self):
        violations = []
        for w in self.workloads:
            period = pod_spec(w).get("terminationGracePeriodSeconds", DEFAULT_TERMINATION_GRACE)
            for c in pod_spec(w).get("containers") or []:
                grace = self.grace_seconds(self.effective(c))
                if not period > grace:
                    violations.append(f"{w}: terminationGracePeriodSeconds {period} is not above "
                                      f"container {c.get('name')}'s --shutdown_grace_seconds {grace}")
        self.check(violations)

    # 3. Flags.

    def test_every_flag_named_is_one_wpsd_accepts(self):
        violations = []
        self.assertTrue(self.flags, f"found no flags in `{WPSD} --helpfull`")

        def check_argv(where, argv):
            for name, _ in parse_flags(argv):
                if name not in self.flags:
                    violations.append(f"{where}: wpsd has no flag --{name}")

        for w in self.workloads:
            for c in containers(w):
                check_argv(f"{w}: container {c.get('name')}", list(c.get("command") or []) + list(c.get("args") or []))
        if self.dockerfile:
            if not self.entrypoint or not self.entrypoint[0].endswith("/wpsd"):
                violations.append(f"{rel(self.dockerfile)}: ENTRYPOINT is not an exec-form wpsd command line")
            check_argv(f"{rel(self.dockerfile)}: ENTRYPOINT", self.entrypoint)
        for unit_path in deploy_files(".service"):
            for exec_start in systemd_unit(unit_path).get("Service", {}).get("ExecStart", []):
                argv = shlex.split(exec_start.lstrip("-@:+!"))
                if argv and argv[0].endswith("/wpsd"):
                    check_argv(f"{rel(unit_path)}: ExecStart", argv)
        self.check(violations)

    def test_dockerfile_healthcheck_uses_existing_wpsctl_command(self):
        wpsctl = os.path.join(os.path.dirname(os.path.abspath(WPSD)), "wpsctl")
        if not self.dockerfile:
            self.skipTest("no deploy/container/Dockerfile")
        if not os.access(wpsctl, os.X_OK):
            self.skipTest(f"no wpsctl beside {WPSD}")
        help_text = subprocess.run([wpsctl, "--help"], capture_output=True, text=True, timeout=60)
        help_text = help_text.stdout + help_text.stderr
        violations = []
        checks = [dockerfile_argv(re.sub(r"^(--\S+\s+)*CMD\s+", "", arguments))
                  for instruction, arguments in dockerfile_instructions(self.dockerfile)
                  if instruction == "HEALTHCHECK"]
        if not checks:
            violations.append(f"{rel(self.dockerfile)}: no HEALTHCHECK")
        health_port = port_of(last_values(self.entrypoint).get("health_listen"))
        for argv in checks:
            words = [a for a in argv[1:] if not a.startswith("--")]
            if not argv or not argv[0].endswith("wpsctl"):
                violations.append(f"{rel(self.dockerfile)}: HEALTHCHECK does not run wpsctl")
                continue
            if not words or not re.search(rf"^\s+{re.escape(words[0])}\b", help_text, re.M):
                violations.append(f"{rel(self.dockerfile)}: HEALTHCHECK runs `wpsctl {' '.join(words)}`, "
                                  f"a command `{wpsctl} --help` does not list")
            for name, _ in parse_flags(argv[1:]):
                if f"--{name}" not in help_text:
                    violations.append(f"{rel(self.dockerfile)}: HEALTHCHECK: wpsctl --help does not mention --{name}")
            server_port = port_of(last_values(argv[1:]).get("server"))
            if server_port != health_port:
                violations.append(f"{rel(self.dockerfile)}: HEALTHCHECK calls port {server_port}, "
                                  f"but the ENTRYPOINT's --health_listen is on {health_port}")
        self.check(violations)

    # 4. References between objects.

    def test_selectors_and_targets_match_existing_workloads(self):
        violations = []
        for w in self.workloads:
            if w.kind != "Pod":
                selector = (w.doc.get("spec") or {}).get("selector")
                if w.kind not in ("Job", "CronJob") and not selector_matches(selector, pod_labels(w)):
                    violations.append(f"{w}: spec.selector does not match its own pod template's labels")

        def workloads_matching(namespace, selector):
            return [w for w in self.workloads
                    if w.namespace == namespace and selector_matches(selector, pod_labels(w))]

        for o in self.objects:
            spec = o.doc.get("spec") or {}
            if o.kind == "Service":
                if spec.get("type") == "ExternalName":
                    continue
                if not spec.get("selector"):
                    violations.append(f"{o}: no selector")
                elif not workloads_matching(o.namespace, spec["selector"]):
                    violations.append(f"{o}: selector {spec['selector']} matches no workload's pods")
                else:
                    for port in spec.get("ports") or []:
                        target = port.get("targetPort", port.get("port"))
                        for w in workloads_matching(o.namespace, spec["selector"]):
                            ports = [p for c in pod_spec(w).get("containers") or [] for p in c.get("ports") or []]
                            if isinstance(target, str) and target not in {p.get("name") for p in ports}:
                                violations.append(f"{o}: targetPort {target!r} is not a named port of {w}")
            elif o.kind == "PodDisruptionBudget":
                if not workloads_matching(o.namespace, spec.get("selector")):
                    violations.append(f"{o}: selector matches no workload's pods")
            elif o.kind == "HorizontalPodAutoscaler":
                ref = spec.get("scaleTargetRef") or {}
                if not self.find(ref.get("kind"), ref.get("name"), o.namespace):
                    violations.append(f"{o}: scaleTargetRef {ref.get('kind')}/{ref.get('name')} does not exist")
            elif o.kind == "NetworkPolicy":
                if not is_empty_selector(spec.get("podSelector")) and \
                        not workloads_matching(o.namespace, spec.get("podSelector")):
                    violations.append(f"{o}: podSelector matches no workload's pods")
                peers = [p for rule in spec.get("ingress") or [] for p in rule.get("from") or []]
                peers += [p for rule in spec.get("egress") or [] for p in rule.get("to") or []]
                for peer in peers:
                    # A podSelector alone names pods of this namespace: they must exist.
                    if "podSelector" in peer and "namespaceSelector" not in peer and \
                            not is_empty_selector(peer["podSelector"]) and \
                            not workloads_matching(o.namespace, peer["podSelector"]):
                        violations.append(f"{o}: peer podSelector {peer['podSelector']} matches no workload's pods")
            elif o.kind == "StatefulSet":
                service = self.find("Service", spec.get("serviceName"), o.namespace)
                if service is None:
                    violations.append(f"{o}: serviceName {spec.get('serviceName')!r} is not a Service here")
                elif (service.doc.get("spec") or {}).get("clusterIP") != "None":
                    violations.append(f"{o}: serviceName {service.name!r} is not a headless Service")
        self.check(violations)

    def test_referenced_secrets_and_config_maps_exist(self):
        violations = []
        data_keys = {}
        for o in self.objects:
            if o.kind in ("Secret", "ConfigMap"):
                keys = set()
                for field in ("data", "stringData", "binaryData"):
                    keys |= set((o.doc.get(field) or {}).keys())
                data_keys[(o.kind, o.namespace, o.name)] = keys

        def require(where, kind, name, namespace, key=None, optional=False):
            if optional:
                return
            keys = data_keys.get((kind, namespace, name))
            if keys is None:
                violations.append(f"{where}: {kind} {name!r} does not exist under deploy/")
            elif key is not None and key not in keys:
                violations.append(f"{where}: {kind} {name!r} has no key {key!r}")

        for w in self.workloads:
            spec = pod_spec(w)
            for volume in spec.get("volumes") or []:
                where = f"{w}: volume {volume.get('name')}"
                sources = [volume] + list((volume.get("projected") or {}).get("sources") or [])
                for source in sources:
                    for field, kind, name_field in (("secret", "Secret", "secretName"),
                                                    ("configMap", "ConfigMap", "name")):
                        ref = source.get(field)
                        if ref is None:
                            continue
                        name = ref.get(name_field) or ref.get("name")
                        require(where, kind, name, w.namespace, optional=ref.get("optional", False))
                        for item in ref.get("items") or []:
                            require(where, kind, name, w.namespace, item.get("key"), ref.get("optional", False))
            for ref in spec.get("imagePullSecrets") or []:
                require(f"{w}: imagePullSecrets", "Secret", ref.get("name"), w.namespace)
            for c in containers(w):
                where = f"{w}: container {c.get('name')}"
                for env in c.get("env") or []:
                    source = env.get("valueFrom") or {}
                    for field, kind in (("secretKeyRef", "Secret"), ("configMapKeyRef", "ConfigMap")):
                        if field in source:
                            ref = source[field]
                            require(where, kind, ref.get("name"), w.namespace, ref.get("key"), ref.get("optional", False))
                for env in c.get("envFrom") or []:
                    for field, kind in (("secretRef", "Secret"), ("configMapRef", "ConfigMap")):
                        if field in env:
                            require(where, kind, env[field].get("name"), w.namespace,
                                    optional=env[field].get("optional", False))
        self.check(violations)

    def mounted_file(self, workload, container, path):
        """The text of `path` inside the container when a Secret or ConfigMap provides it, "" when
        another volume does, None when nothing mounted provides it."""
        volumes = {v.get("name"): v for v in pod_spec(workload).get("volumes") or []}
        for mount in container.get("volumeMounts") or []:
            mount_path = mount.get("mountPath", "").rstrip("/")
            volume = volumes.get(mount.get("name")) or {}
            source = volume.get("secret") or volume.get("configMap")
            if mount.get("subPath"):
                if path != mount_path:
                    continue
                relative = mount["subPath"]
            elif path.startswith(mount_path + "/"):
                relative = path[len(mount_path) + 1:]
            else:
                continue
            if source is None:
                return ""
            items = source.get("items")
            key = relative
            if items is not None:
                key = next((i.get("key") for i in items if i.get("path") == relative), None)
                if key is None:
                    return None
            kind = "Secret" if "secret" in volume else "ConfigMap"
            obj = self.find(kind, source.get("secretName") or source.get("name"), workload.namespace)
            if obj is None:
                return None
            for field in ("stringData", "data"):
                if key in (obj.doc.get(field) or {}):
                    return str(obj.doc[field][key])
            return None
        return None

    def test_files_named_by_flags_and_config_are_mounted(self):
        violations = []
        file_flags = ("config", "tls_cert", "tls_key", "tls_ca", "tokens_file")
        for w in self.workloads:
            for c in pod_spec(w).get("containers") or []:
                where = f"{w}: container {c.get('name')}"
                flags = self.effective(c)
                paths = {f"--{name}": flags[name] for name in file_flags if flags.get(name)}
                if flags.get("config"):
                    text = self.mounted_file(w, c, flags["config"])
                    if text:
                        try:
                            config = parse_textproto(text)
                        except ValueError as error:
                            violations.append(f"{where}: config {flags['config']} does not parse: {error}")
                            config = {}
                        for tls in config.get("tls", []):
                            for field in ("cert", "key", "ca"):
                                for value in tls.get(field, []):
                                    paths.setdefault(f"config tls.{field}", value)
                        for value in config.get("tokens_file", []):
                            paths.setdefault("config tokens_file", value)
                for what, path in paths.items():
                    if self.mounted_file(w, c, path) is None:
                        violations.append(f"{where}: {what} names {path}, which no Secret, ConfigMap or "
                                          "volume mount of the container provides")
        self.check(violations)

    # 5. The roster StatefulSet and the network policies.

    def test_roster_statefulset_is_single_with_its_volume_at_the_data_dir_parent(self):
        violations = []
        statefulsets = [w for w in self.workloads if w.kind == "StatefulSet"]
        self.assertTrue(statefulsets, "no StatefulSet (the roster node) under deploy/")
        for s in statefulsets:
            spec = s.doc.get("spec") or {}
            if spec.get("replicas") != 1:
                violations.append(f"{s}: replicas is {spec.get('replicas')!r}; a roster node owns its store: exactly 1")
            claims = {(t.get("metadata") or {}).get("name") for t in spec.get("volumeClaimTemplates") or []}
            if not claims:
                violations.append(f"{s}: no volumeClaimTemplates")
            for c in pod_spec(s).get("containers") or []:
                data_dir = self.effective(c).get("data_dir")
                if not data_dir:
                    violations.append(f"{s}: container {c.get('name')}: no --data_dir")
                    continue
                parent = os.path.dirname(data_dir.rstrip("/"))
                mounts = [m for m in c.get("volumeMounts") or [] if m.get("name") in claims]
                if not any(m.get("mountPath", "").rstrip("/") == parent for m in mounts):
                    violations.append(f"{s}: container {c.get('name')}: no volumeClaimTemplate mounted at "
                                      f"{parent}, the parent of --data_dir={data_dir}")
        self.check(violations)

    def test_network_policies_have_types_and_admit_only_the_grpc_and_metrics_ports(self):
        violations = []
        policies = [o for o in self.objects if o.kind == "NetworkPolicy"]
        rosters = [w for w in self.workloads if w.kind == "StatefulSet"]
        for p in policies:
            spec = p.doc.get("spec") or {}
            if not spec.get("policyTypes"):
                violations.append(f"{p}: no policyTypes")
            selected = [w for w in self.workloads
                        if w.namespace == p.namespace and selector_matches(spec.get("podSelector"), pod_labels(w))]
            for w in selected:
                for c in pod_spec(w).get("containers") or []:
                    flags = self.effective(c)
                    allowed = {port_of(flags.get("listen")), port_of(flags.get("metrics_listen"))} - {None}
                    named = {port.get("name"): port.get("containerPort") for port in c.get("ports") or []}
                    for i, rule in enumerate(spec.get("ingress") or []):
                        where = f"{p}: ingress rule {i + 1}"
                        if not rule.get("ports"):
                            violations.append(f"{where}: admits every port of {w.kind}/{w.name}; "
                                              f"name the ports ({sorted(allowed)})")
                        for port in rule.get("ports") or []:
                            number = named.get(port.get("port"), port.get("port"))
                            if number not in allowed or port.get("endPort"):
                                violations.append(f"{where}: admits port {port.get('port')} of {w.kind}/{w.name}, "
                                                  f"which serves neither --listen nor --metrics_listen ({sorted(allowed)})")
                        if w in rosters and not rule.get("from"):
                            violations.append(f"{where}: admits any source to the roster node; name them in `from`")
        for r in rosters:
            if not any("Ingress" in ((p.doc.get("spec") or {}).get("policyTypes") or [])
                       and selector_matches((p.doc.get("spec") or {}).get("podSelector"), pod_labels(r))
                       for p in policies if p.namespace == r.namespace):
                violations.append(f"{r}: no NetworkPolicy restricts ingress to the roster node")
        self.check(violations)

    # 6. The Dockerfile and the systemd unit.

    def test_dockerfile_runs_unprivileged_and_exposes_its_ports(self):
        if not self.dockerfile:
            self.skipTest("no deploy/container/Dockerfile")
        instructions = dockerfile_instructions(self.dockerfile)
        where = rel(self.dockerfile)
        violations = []
        users = [args for name, args in instructions if name == "USER"]
        if not users or users[-1].split(":")[0] in ("root", "0"):
            violations.append(f"{where}: the final stage does not switch to a non-root USER")
        exposed = {int(p.split("/")[0]) for name, args in instructions if name == "EXPOSE" for p in args.split()}
        flags = last_values(self.entrypoint)
        for flag in ("listen", "health_listen", "metrics_listen"):
            port = port_of(flags.get(flag))
            if port is None:
                violations.append(f"{where}: ENTRYPOINT sets no --{flag}")
            elif port not in exposed:
                violations.append(f"{where}: --{flag} port {port} is not EXPOSEd ({sorted(exposed)})")
        if not flags.get("data_dir"):
            violations.append(f"{where}: ENTRYPOINT sets no --data_dir")
        self.check(violations)

    def test_systemd_unit_is_hardened(self):
        units = deploy_files(".service")
        self.assertTrue(units, "no systemd unit under deploy/")
        truthy = {"yes", "true", "1", "on"}
        violations = []
        for unit_path in units:
            where = rel(unit_path)
            service = systemd_unit(unit_path).get("Service", {})

            def last(key):
                values = service.get(key)
                return values[-1] if values else None

            expected = {"User": {"wps"}, "Group": {"wps"}, "DynamicUser": {"no", "false", "0", "off"},
                        "StateDirectory": {"wps"}, "Restart": {"on-failure"}, "KillSignal": {"SIGTERM", "TERM", "15"},
                        "ProtectSystem": {"strict"}, "ProtectHome": truthy | {"read-only", "tmpfs"}}
            for key in ("PrivateTmp", "PrivateDevices", "NoNewPrivileges", "ProtectKernelTunables",
                        "ProtectKernelModules", "ProtectKernelLogs", "ProtectControlGroups",
                        "RestrictNamespaces", "LockPersonality", "MemoryDenyWriteExecute"):
                expected[key] = truthy
            for key, allowed in expected.items():
                if last(key) not in allowed:
                    violations.append(f"{where}: {key}={last(key)!r}, expected one of {sorted(allowed)}")
            families = set(" ".join(service.get("RestrictAddressFamilies", [])).split())
            if families != {"AF_INET", "AF_INET6", "AF_UNIX"}:
                violations.append(f"{where}: RestrictAddressFamilies is {sorted(families)}, expected AF_INET AF_INET6 AF_UNIX")
            filters = service.get("SystemCallFilter", [])
            if not filters or "@system-service" not in filters[0].split():
                violations.append(f"{where}: SystemCallFilter does not start from @system-service")
            if "CapabilityBoundingSet" not in service or last("CapabilityBoundingSet") != "":
                violations.append(f"{where}: CapabilityBoundingSet is not set empty")
            if not (last("LimitNOFILE") or "").isdigit():
                violations.append(f"{where}: LimitNOFILE is not set to a number")
            exec_start = [shlex.split(v.lstrip("-@:+!")) for v in service.get("ExecStart", []) if v]
            if len(exec_start) != 1 or not exec_start[0][0].endswith("/wpsd"):
                violations.append(f"{where}: ExecStart is not one wpsd command line")
                continue
            flags = last_values(exec_start[0][1:])
            grace = self.grace_seconds(flags)
            try:
                stop = seconds_of(last("TimeoutStopSec") or "")
            except ValueError as error:
                stop = 0
                violations.append(f"{where}: TimeoutStopSec: {error}")
            if not stop > grace:
                violations.append(f"{where}: TimeoutStopSec={last('TimeoutStopSec')} is not above --shutdown_grace_seconds {grace}")
            writable = [p.lstrip("-").rstrip("/") for p in " ".join(service.get("ReadWritePaths", [])).split()]
            data_dir = flags.get("data_dir")
            backup_dir = flags.get("backup_dir") or (data_dir and data_dir.rstrip("/") + "-backups")
            for what, path in (("--data_dir", data_dir), ("--backup_dir", backup_dir)):
                if not path:
                    violations.append(f"{where}: ExecStart sets no {what}")
                elif not any(path == p or path.startswith(p + "/") for p in writable):
                    violations.append(f"{where}: {what}={path} is not under ReadWritePaths {writable}")
        self.check(violations)

    # 7. Config files and alert rules.

    def test_config_textprotos_name_only_server_config_fields(self):
        proto = os.path.join(os.path.dirname(os.path.abspath(DEPLOY)), "proto", "wps", "config", "v1",
                             "server_config.proto")
        if not os.path.exists(proto):
            self.skipTest(f"{proto} not found")
        messages = proto_messages(proto)
        violations = []
        texts = []
        for path in deploy_files(".textproto"):
            with open(path, encoding="utf-8") as f:
                texts.append((rel(path), f.read()))
        for o in self.objects:
            if o.kind == "ConfigMap":
                for key, value in (o.doc.get("data") or {}).items():
                    if key.endswith(".textproto"):
                        texts.append((f"{o} key {key}", value))

        def check_message(where, fields, message):
            for name, values in fields.items():
                field_type = messages.get(message, {}).get(name)
                if field_type is None:
                    violations.append(f"{where}: {message} has no field {name!r}")
                    continue
                for value in values:
                    if isinstance(value, dict):
                        check_message(where, value, field_type.split(".")[-1])

        for where, text in texts:
            try:
                check_message(where, parse_textproto(text), "ServerConfig")
            except ValueError as error:
                violations.append(f"{where}: does not parse: {error}")
        self.check(violations)

    def test_prometheus_rules_parse_and_name_only_known_metrics(self):
        rule_files = [p for p in self.yaml_files if is_prometheus_file(p)]
        self.assertTrue(rule_files, "no Prometheus rules under deploy/prometheus/")
        violations = []
        seen = set()
        for path in rule_files:
            docs = [doc for p, doc in self.documents if p == path]
            if len(docs) != 1 or not isinstance(docs[0], dict) or not docs[0].get("groups"):
                violations.append(f"{rel(path)}: not a rules file (one document with `groups`)")
                continue
            for group in docs[0]["groups"]:
                for rule in group.get("rules") or []:
                    name = rule.get("alert") or rule.get("record")
                    where = f"{rel(path)}: {name or 'a rule'}"
                    if not name:
                        violations.append(f"{where}: neither alert nor record")
                    if name in seen:
                        violations.append(f"{where}: defined twice")
                    seen.add(name)
                    expr = rule.get("expr")
                    if not isinstance(expr, str) or not expr.strip():
                        violations.append(f"{where}: no expr")
                        continue
                    if rule.get("alert"):
                        if (rule.get("labels") or {}).get("severity") not in ("critical", "warning"):
                            violations.append(f"{where}: labels.severity is not critical or warning")
                        if not (rule.get("annotations") or {}).get("summary"):
                            violations.append(f"{where}: no annotations.summary")
                        if "for" in rule and not re.fullmatch(r"(\d+[smhdwy])+", str(rule["for"])):
                            violations.append(f"{where}: `for: {rule['for']}` is not a duration")
                    for problem in promql_problems(expr, self.metrics, self.histograms):
                        violations.append(f"{where}: {problem}")
        self.check(violations)


def main():
    global WPSD, DEPLOY
    if len(sys.argv) < 3:
        sys.exit("usage: manifests_test.py WPSD_BINARY DEPLOY_DIR [unittest options]")
    WPSD, DEPLOY = sys.argv[1], os.path.abspath(sys.argv[2])
    deploy_readers.DEPLOY = DEPLOY
    if not os.access(WPSD, os.X_OK):
        sys.exit(f"manifests_test: {WPSD} is not an executable")
    if not os.path.isdir(DEPLOY):
        sys.exit(f"manifests_test: {DEPLOY} is not a directory")
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=2)


if __name__ == "__main__":
    main()
