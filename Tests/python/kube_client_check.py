"""The official Kubernetes Python client against `rollout serve`.

Run by ServePythonClientTests with KUBECONFIG pointing at a served cluster. Lists, creates,
patches, watches (kubernetes.watch.Watch().stream), and checks the 404, 409 and 422 answers
as a real cluster gives them. Prints one JSON summary line; exits non-zero on the first
failed check, saying which.
"""

import json
import os
import sys

import yaml
from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException


def check(condition, what):
    if not condition:
        print(f"FAILED: {what}", file=sys.stderr)
        sys.exit(1)


def status_of(call):
    try:
        call()
    except ApiException as error:
        return error.status, json.loads(error.body or "{}")
    return 200, {}


def main():
    config.load_kube_config(config_file=os.environ["KUBECONFIG"])
    apps = client.AppsV1Api()
    core = client.CoreV1Api()
    with open(os.environ["MANIFEST"]) as handle:
        manifest = yaml.safe_load(handle)

    apps.create_namespaced_deployment("default", manifest)
    listed = apps.list_namespaced_deployment("default")
    check([d.metadata.name for d in listed.items] == ["web"], "the list holds web")
    start = listed.metadata.resource_version

    # Watch pods from the list's resourceVersion while web rolls to 2.0.
    apps.patch_namespaced_deployment(
        "web", "default",
        {"spec": {"template": {"spec": {"containers": [{"name": "web", "image": "example/web:2.0"}]}}}},
    )
    seen = {}
    order = []
    stream = watch.Watch().stream(
        core.list_namespaced_pod, "default", resource_version=start, timeout_seconds=20
    )
    for event in stream:
        pod = event["object"]
        order.append(int(pod.metadata.resource_version))
        seen[pod.metadata.name] = (event["type"], pod.spec.containers[0].image)
        ready_new = [
            name for name, (kind, image) in seen.items()
            if kind != "DELETED" and image == "example/web:2.0"
        ]
        current = apps.read_namespaced_deployment("web", "default")
        if (current.status.updated_replicas == 10 and current.status.available_replicas == 10
                and current.status.replicas == 10 and len(ready_new) >= 10):
            break
    check(order == sorted(order), "watch events arrive in resourceVersion order")
    check(any(image == "example/web:2.0" for _, image in seen.values()), "the watch saw 2.0 pods")
    check(any(kind == "DELETED" for kind, _ in seen.values()), "the watch saw 1.0 pods go")

    code, body = status_of(lambda: apps.read_namespaced_deployment("nope", "default"))
    check(code == 404 and body.get("reason") == "NotFound", f"404 NotFound, got {code} {body}")

    fresh = apps.read_namespaced_deployment("web", "default")
    stale = apps.read_namespaced_deployment("web", "default")
    fresh.spec.replicas = 5
    apps.replace_namespaced_deployment("web", "default", fresh)
    stale.spec.replicas = 6
    code, body = status_of(lambda: apps.replace_namespaced_deployment("web", "default", stale))
    check(code == 409 and body.get("reason") == "Conflict", f"409 Conflict, got {code} {body}")

    bad = dict(manifest)
    bad["metadata"] = {"name": "bad"}
    bad["spec"] = dict(manifest["spec"], replicas=-1)
    code, body = status_of(lambda: apps.create_namespaced_deployment("default", bad))
    fields = [cause.get("field") for cause in body.get("details", {}).get("causes", [])]
    check(code == 422 and "spec.replicas" in fields, f"422 naming spec.replicas, got {code} {body}")

    print(json.dumps({"watched": len(order), "pods": len(seen), "checks": "passed"}))


if __name__ == "__main__":
    main()
