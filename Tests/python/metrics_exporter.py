#!/usr/bin/env python3
"""A test exporter whose error rate per version the test controls (standard library only).

    metrics_exporter.py PORT [--rate VERSION=RATE ...] [--requests-per-scrape N]
                             [--max-seconds S] [--parent PID]

Listens on 127.0.0.1:PORT (0: a free port) and prints `listening on PORT` once it listens.

  GET  /metrics   Prometheus text format: per version, the counters
                  http_requests_total{version, code="200"|"500"}, which grow by N requests on
                  every scrape, a fraction RATE of them errors (the fraction is carried over, so
                  the counted errors never drift from RATE), and the gauge app_error_rate{version}
                  with RATE itself.
  POST /set?version=V&error_rate=R (or PUT)   sets version V's rate (0 <= R <= 1), adding V if
                  it is new; 400 for a missing or bad argument.
  GET  /healthz   200 `ok`.
  GET  /status    JSON for web metric providers: {"versions": {"V": {"errorRate": RATE}}}; with
                  ?delay_ms=D it answers D milliseconds late.

Versions 1 and 2 start at rate 0 unless --rate says otherwise. The exporter exits by itself when
its parent process (--parent, by default the one that started it) goes away, as when the test
that started it crashed, or after --max-seconds (default 600).
"""

import json
import argparse
import math
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class Versions:
    """The error rate and the request counters of each version, behind one lock."""

    def __init__(self, rates, per_scrape):
        self.lock = threading.Lock()
        self.per_scrape = per_scrape
        self.rates = {}
        self.ok = {}
        self.errors = {}
        self.carry = {}
        for version, rate in rates.items():
            self.set(version, rate)

    def set(self, version, rate):
        with self.lock:
            self.rates[version] = rate
            self.ok.setdefault(version, 0)
            self.errors.setdefault(version, 0)
            self.carry.setdefault(version, 0.0)

    def scrape(self):
        """Counts one more batch of requests per version and renders every metric."""
        with self.lock:
            for version, rate in self.rates.items():
                due = self.carry[version] + rate * self.per_scrape
                errors = min(self.per_scrape, math.floor(due + 1e-9))
                self.carry[version] = due - errors
                self.errors[version] += errors
                self.ok[version] += self.per_scrape - errors
            versions = sorted(self.rates)
            lines = [
                "# HELP http_requests_total Requests served, by version and status code.",
                "# TYPE http_requests_total counter",
            ]
            for version in versions:
                label = escape(version)
                lines.append(
                    f'http_requests_total{{version="{label}",code="200"}} {self.ok[version]}')
                lines.append(
                    f'http_requests_total{{version="{label}",code="500"}} {self.errors[version]}')
            lines += [
                "# HELP app_error_rate The fraction of requests each version fails.",
                "# TYPE app_error_rate gauge",
            ]
            for version in versions:
                lines.append(f'app_error_rate{{version="{escape(version)}"}} '
                             f"{self.rates[version]!r}")
            return "\n".join(lines) + "\n"


def escape(value):
    """A label value as the text format writes it."""
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def parse_rate(text):
    """A rate in [0, 1], or None."""
    try:
        rate = float(text)
    except ValueError:
        return None
    return rate if 0 <= rate <= 1 else None


def handler_for(versions):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            path = urlsplit(self.path).path
            if path == "/metrics":
                self.answer(200, versions.scrape(), CONTENT_TYPE)
            elif path == "/healthz":
                self.answer(200, "ok\n")
            elif path == "/status":
                delay = parse_qs(urlsplit(self.path).query).get("delay_ms", ["0"])[0]
                time.sleep(float(delay) / 1000)
                with versions.lock:
                    body = {v: {"errorRate": r} for v, r in versions.rates.items()}
                self.answer(200, json.dumps({"versions": body}), "application/json")
            else:
                self.answer(404, f"no {path}\n")

        def do_POST(self):
            url = urlsplit(self.path)
            if url.path != "/set":
                self.answer(404, f"no {url.path}\n")
                return
            query = parse_qs(url.query)
            version = query.get("version", [""])[0]
            rate = parse_rate(query.get("error_rate", [""])[0])
            if not version or rate is None:
                self.answer(400, "want ?version=V&error_rate=R with 0 <= R <= 1\n")
                return
            versions.set(version, rate)
            self.answer(200, f"version {version} error_rate {rate!r}\n")

        do_PUT = do_POST

        def answer(self, status, body, content_type="text/plain; charset=utf-8"):
            data = body.encode()
            # A request body (curl -d) is read and ignored, so the connection closes cleanly.
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format, *args):
            pass

    return Handler


def exit_when_orphaned_or_late(parent, max_seconds):
    """Ends the process when its parent is gone (it was given another) or the time is up."""
    deadline = time.monotonic() + max_seconds
    while os.getppid() == parent and time.monotonic() < deadline:
        time.sleep(0.2)
    os._exit(0)


def main():
    # A test runner may start its children with signals blocked; SIGTERM must end this one.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parser = argparse.ArgumentParser(description="A test exporter with settable error rates.")
    parser.add_argument("port", type=int, help="port on 127.0.0.1; 0 picks a free one")
    parser.add_argument("--rate", action="append", default=[], metavar="VERSION=RATE",
                        help="a version's starting error rate (repeatable)")
    parser.add_argument("--requests-per-scrape", type=int, default=100, metavar="N")
    parser.add_argument("--max-seconds", type=float, default=600)
    parser.add_argument("--parent", type=int, default=os.getppid(), metavar="PID",
                        help="the process whose end ends the exporter (default: the parent; "
                        "giving it closes the race of a parent that dies before the check)")
    arguments = parser.parse_args()
    rates = {"1": 0.0, "2": 0.0}
    for item in arguments.rate:
        version, _, text = item.partition("=")
        rate = parse_rate(text)
        if not version or rate is None:
            parser.error(f"--rate {item}: want VERSION=RATE with 0 <= RATE <= 1")
        rates[version] = rate
    if arguments.requests_per_scrape < 1:
        parser.error("--requests-per-scrape must be at least 1")
    versions = Versions(rates, arguments.requests_per_scrape)
    server = ThreadingHTTPServer(("127.0.0.1", arguments.port), handler_for(versions))
    server.daemon_threads = True
    watch = (arguments.parent, arguments.max_seconds)
    threading.Thread(target=exit_when_orphaned_or_late, args=watch, daemon=True).start()
    print(f"listening on {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
