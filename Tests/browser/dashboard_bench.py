#!/usr/bin/env python3
"""Browser figures for `rollout dashboard` (headless Chromium + selenium).

Usage: dashboard_bench.py URL [TOKEN] [--loads 5] [--listeners 50] [--changes 40] [--store DIR]

URL is the dashboard's list URL; the token comes from its #token= fragment, the TOKEN argument or
$ROLLOUT_TOKEN (the POSTs need it). The store should hold 1,000 rollouts.

1. First render: the list page is loaded `--loads` times; each load reports
   `window.__renderedAt` (performance.now() when the app finished its first full render of the
   list, i.e. milliseconds since navigation start) once the table's rows are all present, plus
   performance.timing's responseEnd and DOMContentLoaded. The median is reported.
2. Event delivery: `--listeners` EventSource connections to /dashboard/api/events record the wall
   time (performance.timeOrigin + performance.now()) of each `rollout` event for one rollout.
   Chromium allows 6 HTTP/1.1 connections per host and profile, so the listeners are spread over
   several headless browsers (5 each, beside the page's own). The script then POSTs pause and
   resume alternately (`--changes` times) and, for each change, takes from each listener the
   first event showing the new state; latency = receipt - the wall time just before the POST.
   The POST's own duration and the receipt relative to its answer are reported beside it.
   With --store DIR (a local store the dashboard reads), each change is instead written into the
   store the way another `rollout` process writes it: the target's `replicas` moved by one in
   `cluster.json`, replaced atomically; latency = receipt - the wall time just after the rename,
   so it is the time from a change to the browser, whatever made the change.

Prints one JSON line with the figures; exits 1 when the page never rendered or when fewer than
90% of the expected deliveries arrived.
"""
import argparse
import json
import math
import os
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

PER_BROWSER = 5  # EventSources added per page: the page's own makes 6, Chromium's per-host cap


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000",
                     "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                     "--disable-extensions", "--mute-audio"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def request(method, url, body=None, token=""):
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json", "X-Rollout-Token": token} if data else {}
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=20) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


def first_render(driver, url, expected, loads):
    """Median over `loads` loads of the time to the first full render of `expected` rows."""
    samples = []
    for _ in range(loads):
        driver.get("about:blank")
        driver.get(url)
        try:
            WebDriverWait(driver, 60, poll_frequency=0.05).until(lambda d: d.execute_script(
                "return window.__renderedAt !== undefined && "
                "document.querySelectorAll('#rollouts tbody tr').length >= arguments[0]", expected))
        except TimeoutException:
            raise SystemExit(f"the list did not render {expected} rows within 60 s")
        samples.append(driver.execute_script("""
          const t = performance.timing;
          return {rendered: window.__renderedAt,
                  responseEnd: t.responseEnd - t.navigationStart,
                  domContentLoaded: t.domContentLoadedEventEnd - t.navigationStart,
                  rows: document.querySelectorAll('#rollouts tbody tr').length};"""))
    return {
        "loads": loads,
        "rows": samples[-1]["rows"],
        "renderedMs": round(statistics.median(s["rendered"] for s in samples), 1),
        "renderedMsAll": [round(s["rendered"], 1) for s in samples],
        "responseEndMs": statistics.median(s["responseEnd"] for s in samples),
        "domContentLoadedMs": statistics.median(s["domContentLoaded"] for s in samples),
    }


LISTEN = """
  const [count, ns, name] = arguments;
  window.__listeners = [];
  for (let i = 0; i < count; i += 1) {
    const log = [];
    const source = new EventSource('/dashboard/api/events');
    source.addEventListener('rollout', (event) => {
      const at = performance.timeOrigin + performance.now();
      const s = JSON.parse(event.data);
      if (s.namespace === ns && s.name === name) log.push({at, phase: s.phase, replicas: s.replicas});
    });
    window.__listeners.push({source, log});
  }
"""


def write_change(store, target, replicas):
    """Sets the target's replicas in the store's cluster.json, as an atomic replace; returns the
    wall time (ms) just after the rename."""
    path = os.path.join(store, "cluster.json")
    with open(path) as handle:
        document = json.load(handle)
    data = document["data"]
    for deployment in data["deployments"]:
        meta = deployment["metadata"]
        if meta["name"] == target["name"] and meta.get("namespace", "default") == target["namespace"]:
            deployment["spec"]["replicas"] = replicas
            # As the engine does at every write: a new resourceVersion.
            data["lastResourceVersion"] += 1
            meta["resourceVersion"] = data["lastResourceVersion"]
    temporary = path + ".tmp-bench"
    with open(temporary, "w") as handle:
        json.dump(document, handle)
    os.replace(temporary, path)
    return time.time() * 1000


def event_latency(url, api, token, target, listeners, changes, store=None, page=None):
    browsers = []
    try:
        for start in range(0, listeners, PER_BROWSER):
            driver = make_driver()
            browsers.append(driver)
            driver.get(page or url)
            driver.execute_script(LISTEN, min(PER_BROWSER, listeners - start), target["namespace"], target["name"])
        # Every listener connected (readyState 1 = OPEN).
        WebDriverWait(browsers[0], 30, poll_frequency=0.1).until(lambda _: all(d.execute_script(
            "return window.__listeners.every((l) => l.source.readyState === 1)") for d in browsers))
        path = f"{api}rollouts/{urllib.parse.quote(target['namespace'], safe='')}/{urllib.parse.quote(target['name'], safe='')}/actions"
        status, detail = request("GET", path.rsplit("/", 1)[0])
        allowed = {a["verb"]: a["allowed"] for a in detail.get("actions", [])}
        verb = "pause" if allowed.get("pause", True) else "resume"
        latencies, after_answer, posts, missing, refused = [], [], [], 0, 0
        replicas = target["replicas"]
        for _ in range(changes):
            seen = [d.execute_script("return window.__listeners.map((l) => l.log.length)") for d in browsers]
            if store:
                replicas = replicas + 1 if replicas == target["replicas"] else target["replicas"]
                before = write_change(store, target, replicas)
                answered = before
                wanted = (lambda r: (lambda e: e["replicas"] == r))(replicas)
                code = 200
            else:
                before = time.time() * 1000
                code, answer = request("POST", path, {"verb": verb}, token)
                answered = time.time() * 1000
                posts.append(answered - before)
                wanted = (lambda e: e["phase"] == "Paused") if verb == "pause" else (lambda e: e["phase"] != "Paused")
                verb = "resume" if verb == "pause" else "pause"
            if code != 200:
                refused += 1
                print(f"# {verb} refused: {code} {answer}", file=sys.stderr)
                continue

            def arrivals():
                found = []
                for driver, counts in zip(browsers, seen):
                    logs = driver.execute_script("return window.__listeners.map((l) => l.log)")
                    for log, count in zip(logs, counts):
                        hit = next((e["at"] for e in log[count:] if wanted(e)), None)
                        found.append(hit)
                return found

            # The pages stamp each receipt themselves; asking them is what costs (10 browsers on
            # the same cores), so ask rarely.
            deadline = time.time() + 10
            time.sleep(0.3)
            found = arrivals()
            while None in found and time.time() < deadline:
                time.sleep(0.3)
                found = arrivals()
            latencies += [max(0.0, at - before) for at in found if at is not None]
            after_answer += [at - answered for at in found if at is not None]
            missing += found.count(None)
            time.sleep(0.1)
        return {
            "trigger": "store write" if store else "POST",
            "listeners": listeners, "browsers": len(browsers), "changes": changes,
            "deliveries": len(latencies), "missing": missing, "refused": refused,
            "p50Ms": round(percentile(latencies, 50), 1) if latencies else None,
            "p99Ms": round(percentile(latencies, 99), 1) if latencies else None,
            "maxMs": round(max(latencies), 1) if latencies else None,
            # How long the POST itself took, and receipt relative to its answer (< 0: before it).
            "postMedianMs": round(statistics.median(posts), 1) if posts else None,
            "afterAnswerP50Ms": round(percentile(after_answer, 50), 1) if after_answer else None,
            "afterAnswerP99Ms": round(percentile(after_answer, 99), 1) if after_answer else None,
        }
    finally:
        for driver in browsers:
            driver.quit()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("token", nargs="?", default=os.environ.get("ROLLOUT_TOKEN", ""))
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--listeners", type=int, default=50)
    parser.add_argument("--changes", type=int, default=40)
    parser.add_argument("--store", help="change the rollouts by writing this local store")
    parser.add_argument("--listener-page", default="",
                        help="the page (under the dashboard) the listeners open: the list by default")
    args = parser.parse_args()
    parts = urllib.parse.urlsplit(args.url)
    token = urllib.parse.parse_qs(parts.fragment).get("token", [args.token])[0]
    url = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    api = f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}/api/"

    status, listing = request("GET", api + "rollouts")
    rollouts = listing["rollouts"]
    if not rollouts:
        raise SystemExit("the store has no rollouts")
    figures = {"rollouts": len(rollouts)}

    driver = make_driver()
    try:
        figures["firstRender"] = first_render(driver, url, len(rollouts), args.loads)
    finally:
        driver.quit()

    target = next((r for r in rollouts if r["phase"] == "Healthy"), rollouts[0])
    figures["target"] = f"{target['namespace']}/{target['name']}"
    page = url + args.listener_page if args.listener_page else None
    figures["events"] = event_latency(url, api, token, target, args.listeners, args.changes, args.store, page)
    print(json.dumps(figures), flush=True)
    expected = args.listeners * args.changes
    return 0 if figures["events"]["deliveries"] >= 0.9 * expected else 1


if __name__ == "__main__":
    sys.exit(main())
