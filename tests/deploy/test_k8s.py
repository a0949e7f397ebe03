"""The Kubernetes manifests (deploy/k8s): rendered with `kubectl kustomize`, every object validated
against the Kubernetes JSON schemas (kubernetes-validate, strict: unknown fields are errors), and the
rules a helpline deployment keeps: probes, resources, no root, no secret in the manifests, only the
ingress public, pinned images, the compose file's environment.

No cluster runs here: these tests check what can be checked without one (deploy/k8s/README.md).
`kubectl` (with kustomize built in) comes with this project's machines; elsewhere the tests skip,
and fail in CI.
"""

from __future__ import annotations

import copy
import importlib.util
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
K8S = REPO_ROOT / "deploy" / "k8s"
BASE = K8S / "base"
OVERLAY = K8S / "overlays" / "example"
KUBERNETES_VERSION = "1.28.0"  # the newest schemas kubernetes-validate 1.28.3 carries
COMPONENTS = ("rasa", "actions", "dashboard", "migrations")
# Variables the manifests set beyond the compose file's, each for a reason given where it is set.
K8S_ONLY_VARIABLES = {"HOME", "RASA_READY_DIR"}
SECRET_NAME = re.compile(r"TOKEN|SECRET|PASSWORD|_SID$|DATABASE_URL|TRACKER_STORE_URL|REDIS_URL")
PASSWORD_IN_URL = re.compile(r"://[^/\s:@]*:[^@\s/]+@")
INGRESS_CONTROLLER = "ingress-controller"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def render(folder: Path) -> list[dict]:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        message = "kubectl (with kustomize) is not installed: the manifests cannot be rendered"
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    done = subprocess.run(
        [kubectl, "kustomize", str(folder)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return [doc for doc in yaml.safe_load_all(done.stdout) if doc]


@pytest.fixture(scope="module")
def base() -> list[dict]:
    return render(BASE)


@pytest.fixture(scope="module")
def overlay() -> list[dict]:
    return render(OVERLAY)


@pytest.fixture(scope="module", params=["base", "overlay"])
def rendered(request, base, overlay) -> list[dict]:
    return {"base": base, "overlay": overlay}[request.param]


def of_kind(objects: list[dict], kind: str) -> dict[str, dict]:
    return {o["metadata"]["name"]: o for o in objects if o["kind"] == kind}


def pod_templates(objects: list[dict]) -> dict[str, dict]:
    """Every pod template (Deployments and Jobs) by component."""
    found = {}
    for o in objects:
        if o["kind"] in ("Deployment", "Job", "StatefulSet", "DaemonSet", "CronJob"):
            found[o["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/component"]] = o["spec"][
                "template"
            ]
    return found


def containers(template: dict) -> list[dict]:
    return template["spec"].get("initContainers", []) + template["spec"]["containers"]


def env_names(objects: list[dict], container: dict) -> set[str]:
    names = {e["name"] for e in container.get("env", [])}
    config_maps = of_kind(objects, "ConfigMap")
    for source in container.get("envFrom", []):
        names |= set(config_maps[source["configMapRef"]["name"]]["data"])
    return names


def schema_errors(document: dict) -> list[str]:
    try:
        kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)
    except kubernetes_validate.ValidationError as error:
        return [f"{document['kind']}/{document['metadata'].get('name')}: {'/'.join(map(str, error.path))}: "
                f"{error.message}"]  # fmt: skip
    except kubernetes_validate.SchemaNotFoundError as error:
        return [error.message]
    return []


# --- Rendering and the schemas ---------------------------------------------------------------------


def test_base_and_overlay_render_the_whole_shape(rendered: list[dict]) -> None:
    kinds = {(o["kind"], o["metadata"]["name"]) for o in rendered}
    for name in ("rasa", "actions", "dashboard"):
        assert ("Deployment", name) in kinds and ("Service", name) in kinds, name
    assert ("Job", "migrations") in kinds
    assert ("Ingress", "helpline") in kinds
    assert {("Service", "postgres"), ("Service", "redis")} <= kinds
    assert of_kind(rendered, "Deployment")["rasa"]["spec"]["replicas"] >= 2
    budget = of_kind(rendered, "PodDisruptionBudget")["rasa"]["spec"]
    assert budget["minAvailable"] >= 1
    assert selects(budget["selector"], {"app.kubernetes.io/component": "rasa"})
    assert all(o["metadata"].get("namespace") == "helpline" for o in rendered if o["kind"] != "Namespace")


def test_every_object_validates_against_the_kubernetes_schemas(rendered: list[dict]) -> None:
    found = [message for o in rendered for message in schema_errors(o)]
    assert found == []


def test_the_schema_check_has_teeth(overlay: list[dict]) -> None:
    """A misspelt field, a wrong type and an unknown kind are each reported."""
    rasa = copy.deepcopy(of_kind(overlay, "Deployment")["rasa"])
    container = rasa["spec"]["template"]["spec"]["containers"][0]
    container["readinesProbe"] = container.pop("readinessProbe")
    assert schema_errors(rasa)
    job = copy.deepcopy(of_kind(overlay, "Job")["migrations"])
    job["spec"]["backoffLimit"] = "four"
    assert schema_errors(job)
    policy = copy.deepcopy(of_kind(overlay, "NetworkPolicy")["default-deny"])
    policy["spec"]["policyTypes"] = "Ingress"
    assert schema_errors(policy)
    assert schema_errors({**policy, "kind": "NetworkPolicyy"})


# --- Workloads ---------------------------------------------------------------------------------------


def test_every_long_running_container_has_probes(rendered: list[dict]) -> None:
    for name, deployment in of_kind(rendered, "Deployment").items():
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            assert "readinessProbe" in container, name
            assert "livenessProbe" in container, name


def test_rasa_is_ready_only_once_its_workers_are_warm(rendered: list[dict]) -> None:
    """The readiness and startup probes run service/rasa_ready.py (markers of warm workers, then the
    webhook), on a writable folder named by RASA_READY_DIR; liveness never kills a worker warming up."""
    pod = of_kind(rendered, "Deployment")["rasa"]["spec"]["template"]["spec"]
    rasa = next(c for c in pod["containers"] if c["name"] == "rasa")
    for probe in ("readinessProbe", "startupProbe"):
        assert rasa[probe]["exec"]["command"] == ["python", "-m", "service.rasa_ready"], probe
    startup = rasa["startupProbe"]
    assert startup["periodSeconds"] * startup["failureThreshold"] >= 300  # minutes to load and warm
    env = {e["name"]: e.get("value") for e in rasa["env"]}
    ready_dir = env["RASA_READY_DIR"]
    assert int(env["SANIC_WORKERS"]) >= 1
    mounts = {m["mountPath"]: m for m in rasa["volumeMounts"]}
    writable = [path for path, m in mounts.items() if ready_dir.startswith(path) and not m.get("readOnly")]
    assert writable, f"{ready_dir} is on no writable volume"
    # Rasa runs as PID 1 (no shell that would swallow SIGTERM) and reads what the init container wrote.
    assert rasa["command"][:3] == ["python", "-m", "service.rasa_main"]
    endpoints = rasa["command"][rasa["command"].index("--endpoints") + 1]
    init = pod["initContainers"][0]
    assert init["command"][-2:] == ["--out", endpoints]
    assert any(endpoints.startswith(m["mountPath"]) for m in init["volumeMounts"])


def test_every_container_has_resources(rendered: list[dict]) -> None:
    for component, template in pod_templates(rendered).items():
        for container in containers(template):
            resources = container.get("resources", {})
            for bound in ("requests", "limits"):
                where = (component, container["name"], bound)
                assert {"cpu", "memory"} <= set(resources.get(bound, {})), where


def test_every_pod_runs_as_non_root_with_nothing_extra(rendered: list[dict]) -> None:
    namespace = of_kind(rendered, "Namespace")["helpline"]
    assert namespace["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"
    for component, template in pod_templates(rendered).items():
        pod = template["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True, component
        assert pod["securityContext"]["runAsUser"] != 0, component
        assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault", component
        assert pod["automountServiceAccountToken"] is False, component
        assert not pod.get("hostNetwork") and not pod.get("hostPID"), component
        for container in containers(template):
            context = container["securityContext"]
            assert context["allowPrivilegeEscalation"] is False, (component, container["name"])
            assert context["capabilities"]["drop"] == ["ALL"], (component, container["name"])
            assert context["readOnlyRootFilesystem"] is True, (component, container["name"])
            assert context.get("runAsUser", 1) != 0 and not context.get("privileged"), component


def test_no_service_variables_are_injected(rendered: list[dict]) -> None:
    """With service links Kubernetes would set RASA_PORT=tcp://10.0.0.1:5005 (for the Service `rasa`),
    ACTIONS_PORT, DASHBOARD_PORT...: the helpline reads RASA_PORT, ACTIONS_PORT and DASHBOARD_PORT as
    port numbers and would refuse to start."""
    services = set(of_kind(rendered, "Service"))
    assert {"rasa", "actions", "dashboard"} <= services
    for component, template in pod_templates(rendered).items():
        assert template["spec"]["enableServiceLinks"] is False, component


def test_images_are_pinned(rendered: list[dict]) -> None:
    for component, template in pod_templates(rendered).items():
        for container in containers(template):
            image = container["image"]
            name, _, tag = image.rpartition(":")
            pinned = "@sha256:" in image or (name and "/" not in tag and tag not in ("", "latest"))
            assert pinned, (component, image)


def test_commands_name_what_the_image_has(rendered: list[dict]) -> None:
    """Every `python -m` module and file a container starts exists in the project (the image copies
    these folders), and the dashboard's app factory is there."""
    for component, template in pod_templates(rendered).items():
        for container in containers(template):
            command = container["command"]
            if command[:2] == ["python", "-m"]:
                assert importlib.util.find_spec(command[2]) is not None, (component, command[2])
            if "--credentials" in command:
                assert (REPO_ROOT / command[command.index("--credentials") + 1]).is_file()
            if "dashboard.app:create_app" in command:
                from dashboard.app import create_app

                assert callable(create_app)
        for probe in ("readinessProbe", "startupProbe", "livenessProbe"):
            for container in template["spec"]["containers"]:
                command = container.get(probe, {}).get("exec", {}).get("command")
                if command:
                    assert importlib.util.find_spec(command[2]) is not None, (component, probe)


def test_the_migrations_job_migrates(rendered: list[dict], tmp_path: Path) -> None:
    """The Job's own command, run against a throwaway database, leaves it at the newest revision."""
    from helpline.store.migrate import head_revision

    container = of_kind(rendered, "Job")["migrations"]["spec"]["template"]["spec"]["containers"][0]
    assert [e["name"] for e in container["env"] if "valueFrom" in e] == ["DATABASE_URL"]
    database = tmp_path / "helpline.db"
    command = [sys.executable if part == "python" else part for part in container["command"]]
    done = subprocess.run(
        command,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "DATABASE_URL": f"sqlite:///{database}"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    with sqlite3.connect(database) as connection:
        versions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    assert versions == [(head_revision(),)]


# --- Secrets -----------------------------------------------------------------------------------------


def test_no_secret_is_written_in_the_manifests(rendered: list[dict]) -> None:
    """No Secret object, every secret-looking variable from a secretKeyRef, no password in any value,
    and the Secret's keys are the ones deploy/k8s/README.md tells the operator to create."""
    assert of_kind(rendered, "Secret") == {}
    readme = (K8S / "README.md").read_text()
    for component, template in pod_templates(rendered).items():
        for container in containers(template):
            for variable in container.get("env", []):
                if SECRET_NAME.search(variable["name"]):
                    reference = variable.get("valueFrom", {}).get("secretKeyRef")
                    assert reference and "value" not in variable, (component, variable["name"])
                    assert reference["name"] == "helpline-secrets"
                    assert f"`{reference['key']}`" in readme, reference["key"]
    for config_map in of_kind(rendered, "ConfigMap").values():
        for key, value in config_map["data"].items():
            assert not SECRET_NAME.search(key), key
            assert not PASSWORD_IN_URL.search(value), key
    for path in K8S.rglob("*.yaml"):
        text = path.read_text()
        assert not PASSWORD_IN_URL.search(text), path
        assert "kind: Secret" not in text and "secretGenerator" not in text, path


# --- Network: only the ingress is public -------------------------------------------------------------


def selects(selector: dict, labels: dict) -> bool:
    for key, value in selector.get("matchLabels", {}).items():
        if labels.get(key) != value:
            return False
    for expression in selector.get("matchExpressions", []):
        assert expression["operator"] == "In", expression
        if labels.get(expression["key"]) not in expression["values"]:
            return False
    return True


def peer(rule_peer: dict) -> str:
    """A policy peer as a name: a component of ours, the ingress controller, DNS, or an address block."""
    if "ipBlock" in rule_peer:
        return "ip:" + rule_peer["ipBlock"]["cidr"]
    namespace = rule_peer.get("namespaceSelector")
    pods = rule_peer.get("podSelector", {})
    if namespace is None:
        assert set(pods) == {"matchLabels"}, rule_peer
        return pods["matchLabels"]["app.kubernetes.io/component"]
    names = namespace["matchLabels"]["kubernetes.io/metadata.name"]
    if names == "kube-system":
        assert pods == {"matchLabels": {"k8s-app": "kube-dns"}}, rule_peer
        return "dns"
    assert pods.get("matchLabels"), "a whole other namespace may not be let in"
    return INGRESS_CONTROLLER


def allowed(rendered: list[dict], component: str, direction: str) -> set[tuple[str, int]]:
    """(peer, port) pairs the policies allow for a pod of `component` (ingress: from; egress: to)."""
    labels = {"app.kubernetes.io/component": component, "app.kubernetes.io/part-of": "helpline"}
    found: set[tuple[str, int]] = set()
    for policy in of_kind(rendered, "NetworkPolicy").values():
        spec = policy["spec"]
        if direction.capitalize() not in spec["policyTypes"] or not selects(spec["podSelector"], labels):
            continue
        for rule in spec.get(direction, []):
            side = rule.get("from" if direction == "ingress" else "to")
            assert side, f"{policy['metadata']['name']}: a rule without peers allows everyone"
            assert rule.get("ports"), f"{policy['metadata']['name']}: a rule without ports allows every port"
            for each in side:
                for port in rule["ports"]:
                    found.add((peer(each), port["port"]))
    return found


def test_everything_is_denied_unless_allowed(rendered: list[dict]) -> None:
    deny = of_kind(rendered, "NetworkPolicy")["default-deny"]["spec"]
    assert deny["podSelector"] == {}
    assert sorted(deny["policyTypes"]) == ["Egress", "Ingress"]
    assert "ingress" not in deny and "egress" not in deny


def test_only_the_ingress_reaches_the_webhook_and_the_dashboard(rendered: list[dict]) -> None:
    assert allowed(rendered, "rasa", "ingress") == {(INGRESS_CONTROLLER, 5005), ("dashboard", 5005)}
    assert allowed(rendered, "dashboard", "ingress") == {(INGRESS_CONTROLLER, 8000)}
    assert allowed(rendered, "actions", "ingress") == {("rasa", 5055)}  # the action server: Rasa only
    assert allowed(rendered, "migrations", "ingress") == set()
    for service in of_kind(rendered, "Service").values():
        assert service["spec"].get("type", "ClusterIP") in ("ClusterIP", "ExternalName"), service
    for template in pod_templates(rendered).values():
        for container in containers(template):
            assert all("hostPort" not in port for port in container.get("ports", []))


def test_the_ingress_routes_only_the_twilio_webhook_to_rasa(rendered: list[dict]) -> None:
    ingress = of_kind(rendered, "Ingress")["helpline"]["spec"]
    assert ingress["tls"] and ingress["tls"][0]["secretName"]
    routes = {
        (path["path"], path["backend"]["service"]["name"])
        for rule in ingress["rules"]
        for path in rule["http"]["paths"]
    }
    assert routes == {("/webhooks/twilio/", "rasa"), ("/", "dashboard")}


def test_each_pod_reaches_only_what_it_needs(rendered: list[dict]) -> None:
    def outside(component: str) -> dict[int, set[str]]:
        ports: dict[int, set[str]] = {}
        for name, port in allowed(rendered, component, "egress"):
            ports.setdefault(port, set()).add(name)
        return ports

    rasa, actions, dashboard, migrations = (outside(c) for c in COMPONENTS)
    for ports in (rasa, actions, dashboard, migrations):
        assert ports.pop(53) == {"dns"}
        assert all(name.startswith("ip:") for name in ports.get(5432, {"ip:"}))
    assert set(rasa) == {5055, 5432, 6379, 443} and rasa[5055] == {"actions"}
    assert set(dashboard) == {5005, 5432, 443} and dashboard[5005] == {"rasa"}
    assert set(actions) == {5432}
    assert set(migrations) == {5432}
    # Twilio's API: public addresses only, never the cluster's or the cloud's metadata service.
    twilio = of_kind(rendered, "NetworkPolicy")["egress-twilio"]["spec"]["egress"][0]["to"][0]["ipBlock"]
    assert {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"} <= set(twilio["except"])


def test_the_overlay_narrows_the_external_addresses(overlay: list[dict]) -> None:
    policies = of_kind(overlay, "NetworkPolicy")
    for name in ("egress-postgres", "egress-redis"):
        cidr = policies[name]["spec"]["egress"][0]["to"][0]["ipBlock"]["cidr"]
        assert cidr != "0.0.0.0/0", name
    services = of_kind(overlay, "Service")
    assert services["postgres"]["spec"]["externalName"] != "postgres.example.internal"


# --- The same deployment as docker-compose.yml -------------------------------------------------------


def test_the_containers_get_the_compose_files_environment(rendered: list[dict]) -> None:
    """Every variable compose gives a process, the manifests give it too; anything more is a setting
    .env.example documents (an overlay may set any) or one of the few the manifests need."""
    compose = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())["services"]
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", (REPO_ROOT / ".env.example").read_text(), re.M))
    templates = pod_templates(rendered)
    for component in ("rasa", "actions", "dashboard"):
        container = next(c for c in templates[component]["spec"]["containers"] if c["name"] == component)
        mine = env_names(rendered, container)
        theirs = set(compose[component]["environment"])
        assert theirs <= mine, (component, theirs - mine)
        assert mine - theirs <= K8S_ONLY_VARIABLES | documented, (component, mine - theirs - documented)
    for config_map in of_kind(rendered, "ConfigMap").values():
        assert set(config_map["data"]) - K8S_ONLY_VARIABLES <= documented
