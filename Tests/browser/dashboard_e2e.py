#!/usr/bin/env python3
"""End-to-end flows of `rollout dashboard` in a real browser (headless Chromium + selenium).

Usage: dashboard_e2e.py URL TOKEN STORE SCREENSHOT_DIR

URL is the plain list URL (http://127.0.0.1:PORT/dashboard/, no token fragment). The store must
hold a canary `default/shop` paused at a manual pause, and a rollout whose name, image or
change-cause is hostile markup (`<script>alert(1)</script>` or `<img src=x onerror=alert(1)>`).
Prints one line per check; exits 0 when every check passed, 1 at the first failure (saving
failure.png and the browser log beside the other screenshots).
"""
import json
import os
import sys
import urllib.parse

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]
TIMEOUT = 20


class CheckFailed(Exception):
    pass


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000",
                     "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class E2E:
    def __init__(self, url, token, store, shots):
        self.url, self.token, self.store, self.shots = url, token, store, shots
        self.driver = make_driver()
        self.passed = 0

    # -- helpers ---------------------------------------------------------------------------
    def check(self, condition, what):
        if not condition:
            raise CheckFailed(what)
        self.passed += 1
        print(f"ok {self.passed} - {what}", flush=True)

    def wait(self, predicate, what, timeout=TIMEOUT):
        try:
            value = WebDriverWait(self.driver, timeout, poll_frequency=0.1).until(lambda d: predicate())
        except TimeoutException:
            raise CheckFailed(f"{what} (not within {timeout}s)")
        self.check(True, what)
        return value

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def text(self, css):
        return self.js("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css)

    def no_alert(self, where):
        try:
            alert = self.driver.switch_to.alert
            message = alert.text
            alert.dismiss()
            raise CheckFailed(f"an alert opened on {where}: {message!r}")
        except NoAlertPresentException:
            self.check(True, f"no alert on {where}")

    def shot(self, name):
        path = os.path.join(self.shots, name)
        self.driver.save_screenshot(path)
        print(f"# screenshot {path}", flush=True)

    def unlabelled_controls(self):
        """Controls with no accessible name (label[for], aria-label, wrapping label or text)."""
        return self.js("""
          return [...document.querySelectorAll('input, select, button, textarea')].filter((c) => {
            if (c.closest('dialog:not([open])') || c.type === 'hidden') return false;
            if (c.getAttribute('aria-label') || c.getAttribute('aria-labelledby')) return false;
            if (c.labels && c.labels.length) return false;
            return !(c.textContent || '').trim();
          }).map((c) => c.outerHTML.slice(0, 80));""")

    def csp_violations(self):
        try:
            logs = self.driver.get_log("browser")
        except Exception:
            return []
        return [e["message"] for e in logs if "Content Security Policy" in e.get("message", "")]

    def fetch(self, method, path, body=None, headers=None):
        """fetch() inside the page; returns {status, body}."""
        return self.driver.execute_async_script("""
          const [method, path, body, headers, done] = arguments;
          fetch(path, {method, headers: headers || {}, body: body === null ? undefined : body})
            .then(async (r) => done({status: r.status, body: await r.text()}))
            .catch((e) => done({status: -1, body: String(e)}));""", method, path, body, headers)

    # -- the flows ---------------------------------------------------------------------------
    def run(self):
        d = self.driver
        d.set_script_timeout(TIMEOUT)
        base = urllib.parse.urlsplit(self.url)
        origin = f"{base.scheme}://{base.netloc}"
        api = base.path.rstrip("/") + "/api/"

        # The list, opened without a token.
        d.get(self.url)
        shop = 'tr[data-key="default/shop"]'
        self.wait(lambda: self.text(shop + " td.phase") is not None, "the list shows the row default/shop")
        self.wait(lambda: "Paused" in self.text(shop + " td.phase"), "default/shop's phase cell says Paused")
        self.check(d.find_element(By.CSS_SELECTOR, shop + " td.name a").text == "shop", "the row links shop by name")
        rows = self.js("return document.querySelectorAll('#rollouts tbody tr').length")
        self.check(rows >= 2, f"the table has {rows} rows")

        # Hostile text renders as text, and nothing runs.
        hostile_key = self.js("""
          const hostile = arguments[0];
          for (const tr of document.querySelectorAll('#rollouts tbody tr'))
            if (hostile.some((h) => tr.textContent.includes(h))) return tr.dataset.key;
          return null;""", HOSTILE)
        self.check(hostile_key is not None, f"a row shows hostile markup literally as text ({hostile_key})")
        # The Swift test renames `evil` to `<script>alert(1)</script>` in the stored cluster (a
        # hostile store: the CLI itself refuses such a name): its row links it by that name.
        named = self.js("""
          const row = document.querySelector('#rollouts tbody tr[data-key="default/' + arguments[0] + '"]');
          return row ? row.querySelector('td.name a').textContent : null;""", HOSTILE[0])
        self.check(named == HOSTILE[0], f"a Deployment named {HOSTILE[0]} is listed by that name, as text")
        injected = self.js("return document.querySelectorAll('main script, main img:not(#chart):not(#whatif)').length")
        self.check(injected == 0, "no script or img element was injected into the page")
        self.no_alert("the list")
        self.check(self.js("return document.querySelector('#ns-filter') !== null && document.querySelector('#search') !== null"),
                   "the namespace filter and the search box are there")
        self.check(self.unlabelled_controls() == [], f"every control on the list has a label {self.unlabelled_controls()}")
        self.shot("list.png")

        # Search filters rows; sorting by name flips aria-sort.
        search = d.find_element(By.ID, "search")
        search.send_keys("shop")
        self.wait(lambda: self.js(f"const rows = [...document.querySelectorAll('#rollouts tbody tr')].filter(r => !r.hidden);"
                                  f"return rows.length >= 1 && rows.every(r => r.textContent.toLowerCase().includes('shop'))"
                                  f" && !document.querySelector('{shop}').hidden"),
                  "searching 'shop' leaves only matching rows, shop among them")
        search.clear()
        self.js("document.getElementById('search').dispatchEvent(new Event('input'))")
        name_header = d.find_element(By.CSS_SELECTOR, '#rollouts th[data-key="name"]')
        before = name_header.get_attribute("aria-sort")
        name_header.find_element(By.TAG_NAME, "button").click()
        after = name_header.get_attribute("aria-sort")
        self.check(before in ("ascending", "descending") and after in ("ascending", "descending") and before != after,
                   f"the Name header is a sort button (aria-sort {before} -> {after})")

        # No token: the server refuses, and nothing changes.
        answer = self.fetch("POST", api + "rollouts/default/shop/actions", json.dumps({"verb": "promote"}),
                            {"Content-Type": "application/json"})
        self.check(answer["status"] == 403, f"POST promote without a token is refused with 403 ({answer['status']} {answer['body'][:80]})")
        detail = self.fetch("GET", api + "rollouts/default/shop")
        self.check(json.loads(detail["body"])["summary"]["phase"] == "Paused", "shop is still Paused after the refused POST")
        self.check("Paused" in self.text(shop + " td.phase"), "the list still says Paused")

        # The hostile rollout's own page shows the text literally too.
        ns, name = hostile_key.split("/", 1)
        d.get(f"{origin}{base.path.rstrip('/')}/rollouts/{urllib.parse.quote(ns, safe='')}/{urllib.parse.quote(name, safe='')}")
        self.wait(lambda: self.text("#phase") is not None, f"the page of {hostile_key} loads")
        self.wait(lambda: any(h in (self.text("main") or "") for h in HOSTILE), "its page shows the hostile markup as text")
        self.check(self.js("return document.querySelectorAll('main script, main img:not(#chart):not(#whatif)').length") == 0,
                   "nothing was injected on the rollout page")
        self.no_alert("the hostile rollout's page")

        # The token from the fragment: kept for the tab, removed from the address bar.
        d.get(self.url + "#token=" + urllib.parse.quote(self.token, safe=""))
        self.wait(lambda: self.js("return sessionStorage.getItem('rollout-dashboard-token')") == self.token,
                  "the token from #token= is kept in sessionStorage")
        self.wait(lambda: "token=" not in d.current_url, "the token is removed from the address bar")
        self.wait(lambda: self.text(shop + " td.name a") is not None, "the list shows shop again")
        d.find_element(By.CSS_SELECTOR, shop + " td.name a").click()

        # The rollout page.
        self.wait(lambda: "Paused" in (self.text("#phase") or ""), "shop's page shows #phase Paused")
        self.wait(lambda: d.find_elements(By.CSS_SELECTOR, 'button[data-verb="promote"]'), "the promote button is there")
        self.wait(lambda: self.js("const c = document.getElementById('chart'); return c.complete && c.naturalWidth > 0"),
                  "the chart image loads")
        self.check(d.find_element(By.ID, "chart").get_attribute("alt"), "the chart has alt text")
        self.check(self.text("#back") is not None, "there is a back link")
        self.check(self.unlabelled_controls() == [], f"every control on the rollout page has a label {self.unlabelled_controls()}")
        self.shot("rollout.png")

        # Promote through the dialog, then watch the page change without a reload.
        self.js("window.__e2eMarker = 'still here'")
        navigations = self.js("return performance.getEntriesByType('navigation').length")
        d.find_element(By.CSS_SELECTOR, 'button[data-verb="promote"]').click()
        self.wait(lambda: self.js("return document.getElementById('confirm').open"), "promote opens the confirmation dialog")
        dialog = d.find_element(By.ID, "confirm")
        buttons = {b.text: b for b in dialog.find_elements(By.TAG_NAME, "button")}
        self.check("Confirm" in buttons and "Cancel" in buttons, "the dialog has Confirm and Cancel")
        self.shot("confirm.png")
        buttons["Confirm"].click()
        self.wait(lambda: not self.js("return document.getElementById('confirm').open"), "Confirm closes the dialog")
        self.wait(lambda: "Healthy" in (self.text("#phase") or ""), "#phase says Healthy")
        self.wait(lambda: self.js("return [...document.querySelectorAll('#decisions td.operator')]"
                                  ".some((td) => td.textContent.includes('promote'))"),
                  "a decision row shows promote in its operator cell")
        self.check(self.js("return window.__e2eMarker") == "still here", "the window marker survived (no reload)")
        self.check(self.js("return performance.getEntriesByType('navigation').length") == navigations,
                   "no new navigation entry")
        self.check(self.text("#status"), f"the status region announced the result: {self.text('#status')!r}")
        self.no_alert("shop's page")

        # What-if: a Blob URL image beside the chart.
        strategies = self.js("return [...document.querySelectorAll('#whatif-strategy option')].map(o => o.value)")
        if strategies:
            d.find_element(By.ID, "whatif-run").click()
            self.wait(lambda: self.js("const w = document.getElementById('whatif'); return !w.hidden && "
                                      "w.src.startsWith('blob:') && w.complete && w.naturalWidth > 0"),
                      f"what-if with {strategies[0]} shows a chart from a Blob URL")
            self.shot("whatif.png")

        violations = self.csp_violations()
        self.check(violations == [], f"no Content-Security-Policy violations {violations[:3]}")


def main():
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    url, token, store, shots = sys.argv[1:]
    os.makedirs(shots, exist_ok=True)
    test = E2E(url, token, store, shots)
    try:
        test.run()
    except Exception as error:  # CheckFailed, or selenium's own errors
        print(f"not ok {test.passed + 1} - {error}", flush=True)
        try:
            test.driver.save_screenshot(os.path.join(shots, "failure.png"))
            with open(os.path.join(shots, "failure-browser.log"), "w") as log:
                for entry in test.driver.get_log("browser"):
                    log.write(json.dumps(entry) + "\n")
            print(f"# url {test.driver.current_url}\n# status {test.text('#status')!r}", flush=True)
        except Exception:
            pass
        print(f"{test.passed} passed, 1 failed", flush=True)
        return 1
    finally:
        test.driver.quit()
    print(f"{test.passed} passed, 0 failed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
