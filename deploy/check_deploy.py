"""Checks of what ./campaigns test builds for the deploy (docs/deployment.md, "Topology on Kubernetes").

  chart FILE KUBE_VERSION TAG...   FILE is `helm template` output; every object must match the
                                   Kubernetes JSON schema (strict: unknown fields fail), and the
                                   chart must render one worker Deployment per TAG, reporting TAG
                                   as its build id, beside the API.
  image TAR MAIN PORT              TAR is a Jib image tar: its entrypoint runs MAIN, it exposes PORT,
                                   runs as a numeric non-root user, is tagged with its version label,
                                   and every classpath entry and MAIN are in its layers.

Runs with the Python of the kubernetes-validate install (.tools), which brings the schemas and PyYAML.
"""

import gzip
import io
import json
import sys
import tarfile

import yaml


def fail(message):
    sys.exit("✗ " + message)


def check_chart(path, kube_version, tags):
    from kubernetes_validate import utils
    from kubernetes_validate.utils import SchemaNotFoundError, ValidationError

    with open(path) as f:
        objects = [o for o in yaml.safe_load_all(f) if o]
    for o in objects:
        name = f"{o.get('kind')}/{o.get('metadata', {}).get('name')}"
        try:
            utils.validate(o, kube_version, strict=True)
        except ValidationError as e:
            where = ".".join(str(p) for p in e.path)
            fail(f"{path}: {name} does not match the Kubernetes {kube_version} schema at {where}: {e.message}")
        except SchemaNotFoundError:
            fail(f"{path}: {name}: no Kubernetes {kube_version} schema for {o.get('apiVersion')} {o.get('kind')}")

    deployments = {o["metadata"]["name"]: o for o in objects if o["kind"] == "Deployment"}
    workers = [d for d in deployments.values()
               if d["spec"]["template"]["metadata"]["labels"].get("app.kubernetes.io/name") == "campaigns-worker"]
    reported = {}
    for d in workers:
        container = d["spec"]["template"]["spec"]["containers"][0]
        env = {e["name"]: e.get("value") for e in container.get("env", [])}
        tag = container["image"].rsplit(":", 1)[1]
        if env.get("CAMPAIGNS_WORKER_BUILD_ID") != tag:
            fail(f"{d['metadata']['name']}: CAMPAIGNS_WORKER_BUILD_ID {env.get('CAMPAIGNS_WORKER_BUILD_ID')!r}"
                 f" is not its image tag {tag!r}")
        reported[tag] = d
    if sorted(reported) != sorted(tags):
        fail(f"{path}: worker builds {sorted(reported)}, expected {sorted(tags)}")
    if not any(d["spec"]["template"]["metadata"]["labels"].get("app.kubernetes.io/name") == "campaigns-api"
               for d in deployments.values()):
        fail(f"{path}: no API Deployment")

    for d in deployments.values():
        pod = d["spec"]["template"]["spec"]
        c = pod["containers"][0]
        port = c["ports"][0]
        expected = {"api": ("http", 8080), "worker": ("management", 8081)}[c["name"]]
        if (port["name"], port["containerPort"]) != expected:
            fail(f"{d['metadata']['name']}: port {port}, expected {expected}")
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            get = c.get(probe, {}).get("httpGet", {})
            if get.get("port") != expected[0] or not get.get("path", "").startswith("/actuator/health"):
                fail(f"{d['metadata']['name']}: {probe} {get}, expected /actuator/health… on {expected[0]}")
        if not pod["securityContext"].get("runAsNonRoot") or not c["securityContext"].get("readOnlyRootFilesystem"):
            fail(f"{d['metadata']['name']}: must run as non-root on a read-only root file system")
        mounts = {m["mountPath"] for m in c["volumeMounts"]}
        if "/tmp" not in mounts:
            fail(f"{d['metadata']['name']}: no writable /tmp beside the read-only root file system")
        names = {e["name"] for e in c.get("env", [])}
        if "SPRING_DATASOURCE_PASSWORD" not in names:
            fail(f"{d['metadata']['name']}: no SPRING_DATASOURCE_PASSWORD")
    print(f"✓ {path}: {len(objects)} objects valid for Kubernetes {kube_version}; worker builds {sorted(reported)}")


def check_image(path, main, port):
    with tarfile.open(path) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))[0]
        config = json.load(tar.extractfile(manifest["Config"]))["config"]
        files = set()
        contents = {}
        for layer in manifest["Layers"]:
            with tarfile.open(fileobj=io.BytesIO(gzip.decompress(tar.extractfile(layer).read()))) as t:
                for member in t.getmembers():
                    name = "/" + member.name.lstrip("./")
                    files.add(name)
                    if name == "/app/jib-classpath-file":
                        contents[name] = t.extractfile(member).read().decode()
    entrypoint = config.get("Entrypoint") or []
    if entrypoint[:1] != ["java"] or entrypoint[-1] != main:
        fail(f"{path}: entrypoint {entrypoint}, expected java … {main}")
    if list(config.get("ExposedPorts", {})) != [f"{port}/tcp"]:
        fail(f"{path}: exposed ports {list(config.get('ExposedPorts', {}))}, expected {port}/tcp")
    user = config.get("User", "")
    if not user.split(":")[0].isdigit() or user.split(":")[0] == "0":
        fail(f"{path}: user {user!r}; Kubernetes checks runAsNonRoot only against a numeric non-root user")
    version = config.get("Labels", {}).get("org.opencontainers.image.version")
    tag = manifest["RepoTags"][0].rsplit(":", 1)[1]
    if not version or tag != version:
        fail(f"{path}: tag {tag!r}, version label {version!r}: the tag must be the project version")
    env = dict(e.split("=", 1) for e in config.get("Env", []))
    if env.get("SERVER_ADDRESS") != "0.0.0.0":
        fail(f"{path}: SERVER_ADDRESS {env.get('SERVER_ADDRESS')!r}; on loopback the probes cannot reach it")
    if "CAMPAIGNS_WORKER_BUILD_ID" in env and env["CAMPAIGNS_WORKER_BUILD_ID"] != version:
        fail(f"{path}: CAMPAIGNS_WORKER_BUILD_ID {env['CAMPAIGNS_WORKER_BUILD_ID']!r} is not {version!r}")
    classpath = contents.get("/app/jib-classpath-file", "").strip().split(":")
    missing = [entry for entry in classpath if entry not in files]
    if not classpath or missing:
        fail(f"{path}: classpath entries missing from the layers: {missing[:5]}")
    main_class = "/app/classes/" + main.replace(".", "/") + ".class"
    if main_class not in files:
        fail(f"{path}: {main_class} is not in the layers")
    print(f"✓ {path}: {manifest['RepoTags'][0]}, entrypoint … {main}, port {port}, user {user}, "
          f"{len(classpath)} classpath entries present")


if __name__ == "__main__":
    if len(sys.argv) >= 5 and sys.argv[1] == "chart":
        check_chart(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif len(sys.argv) == 5 and sys.argv[1] == "image":
        check_image(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        sys.exit(__doc__)
