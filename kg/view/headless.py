"""Open a page in headless Chromium over the DevTools protocol, and watch what it does.

The view's promises (opens offline, loads nothing from the network, runs nothing from the
article text, stays quick at 5,000 nodes) can only be checked in a real browser, so the tests
and benchmarks/view_scale.py drive Debian's chromium with this small client: network emulated
offline, every request and console error and dialog recorded. Needs the `websocket-client`
package and a chromium binary; nothing is downloaded.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--window-size=1440,900",
)


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class BrowserError(RuntimeError):
    pass


@dataclass
class Observed:
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    @property
    def external(self) -> list[str]:
        """Requests that would leave the machine: anything but file:, data:, blob:, about:."""
        return [u for u in self.requests if not u.startswith(("file:", "data:", "blob:", "about:"))]


class Browser:
    """One headless Chromium with one page; use as a context manager."""

    def __init__(self, executable: str | None = None, timeout: float = 30.0) -> None:
        self.executable = executable or find_chromium()
        if not self.executable:
            raise BrowserError("no chromium found on PATH (Debian: apt-get install chromium)")
        self.timeout = timeout
        self.observed = Observed()
        self._id = 0

    def __enter__(self) -> Browser:
        import websocket

        self._profile = tempfile.mkdtemp(prefix="ckg-chromium-")
        self._proc = subprocess.Popen(
            [self.executable, *CHROMIUM_FLAGS, f"--user-data-dir={self._profile}",
             "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        port_file = Path(self._profile) / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self._proc.poll() is not None:
                self.close()
                raise BrowserError("chromium did not start its DevTools endpoint")
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            targets = json.load(r)
        page = next(t for t in targets if t.get("type") == "page")
        self._ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=self.timeout,
                                               suppress_origin=True)  # fmt: skip
        for method in ("Page.enable", "Runtime.enable", "Network.enable", "Log.enable"):
            self.send(method)
        offline = {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
        self.send("Network.emulateNetworkConditions", offline)
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        ws = getattr(self, "_ws", None)
        if ws is not None:
            ws.close()
        proc = getattr(self, "_proc", None)
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        shutil.rmtree(getattr(self, "_profile", ""), ignore_errors=True)

    # --- protocol ----------------------------------------------------------------------
    def _event(self, msg: dict[str, Any]) -> None:
        method, params = msg.get("method"), msg.get("params", {})
        if method == "Network.requestWillBeSent":
            self.observed.requests.append(params["request"]["url"])
        elif method == "Runtime.exceptionThrown":
            d = params["exceptionDetails"]
            self.observed.errors.append(d.get("exception", {}).get("description") or d.get("text", ""))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.observed.errors.append(
                " ".join(str(a.get("value", a.get("description"))) for a in params["args"])
            )
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            self.observed.errors.append(params["entry"].get("text", ""))
        elif method == "Page.javascriptDialogOpening":
            self.observed.dialogs.append(params.get("message", ""))
            self._ws.send(json.dumps({"id": self._next(), "method": "Page.handleJavaScriptDialog",
                                      "params": {"accept": False}}))  # fmt: skip

    def _next(self) -> int:
        self._id += 1
        return self._id

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        mid = self._next()
        self._ws.send(json.dumps({"id": mid, "method": method, "params": params or {}}))
        while True:
            msg = json.loads(self._ws.recv())
            if msg.get("id") == mid:
                if "error" in msg:
                    raise BrowserError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self._event(msg)

    def evaluate(self, expression: str) -> Any:
        r = self.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}
        )
        if "exceptionDetails" in r:
            raise BrowserError(f"evaluate failed: {r['exceptionDetails'].get('text')}: {expression[:80]}")
        return r["result"].get("value")

    def open(self, url: str, ready: str = "document.body && document.body.dataset.ready === '1'",
             timeout: float | None = None) -> float:  # fmt: skip
        """Navigate and wait until `ready` is true; seconds from navigation to ready."""
        start = time.monotonic()
        self.send("Page.navigate", {"url": url})
        try:
            self.wait_for(f"!!({ready})", timeout or self.timeout)
        except BrowserError:
            raise BrowserError(f"page not ready after {timeout or self.timeout:.0f} s: {url}") from None
        return time.monotonic() - start

    def wait_for(self, condition: str, timeout: float = 10.0) -> Any:
        """Poll a JavaScript condition until it is truthy; its value, or BrowserError on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(condition)
            if value:
                return value
            self.drain(0.05)
        raise BrowserError(f"not true after {timeout:.0f} s: {condition[:100]}")

    def screenshot(self, path: str | Path) -> Path:
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(base64.b64decode(data))
        return p

    def drain(self, seconds: float = 0.3) -> None:
        """Let pending events (late requests, errors) arrive."""
        self._ws.settimeout(seconds)
        try:
            while True:
                msg = json.loads(self._ws.recv())
                if "method" in msg:
                    self._event(msg)
        except Exception:  # timeout: nothing more for now
            pass
        finally:
            self._ws.settimeout(self.timeout)


# --- what the view promises, measured in the page (shared by tests and benchmarks) -------------
LABEL_OVERLAPS = """(function () {
  var bx = ckgView.labels.boxes(), o = 0;
  for (var i = 0; i < bx.length; i++) for (var j = i + 1; j < bx.length; j++) {
    var a = bx[i], c = bx[j];
    if (a[1] < c[3] && c[1] < a[3] && a[2] < c[4] && c[2] < a[4]) o++;
  }
  return [bx.length, o];
})()"""

# land and sea pixels of the map's fill colours (map.js), and outline rings drawn last frame
MAP_DRAWN = """(function () {
  var c = document.querySelector('#mynetwork canvas');
  var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  var land = 0, sea = 0;
  for (var i = 0; i < d.length; i += 16) {
    if (d[i] === 244 && d[i + 1] === 241 && d[i + 2] === 232) land++;
    if (d[i] === 220 && d[i + 1] === 235 && d[i + 2] === 245) sea++;
  }
  return { rings: ckgView.map.rings, countries: ckgView.map.countries, land: land, sea: sea };
})()"""


def redrawn(browser: Browser) -> None:
    """Wait for the next two animation frames, so the canvas and the label layer are current."""
    browser.evaluate(
        "new Promise(function (r) { requestAnimationFrame(function () { requestAnimationFrame(r); }); })"
    )


def label_overlaps(browser: Browser) -> tuple[int, int]:
    """(labels drawn, pairs of drawn label boxes that intersect) on the current canvas."""
    redrawn(browser)
    n, overlaps = browser.evaluate(LABEL_OVERLAPS)
    return n, overlaps


def map_drawn(browser: Browser) -> dict[str, int]:
    """Switch to the map mode and report what its background drew."""
    browser.evaluate("document.querySelector('input[name=mode][value=map]').click(), true")
    redrawn(browser)
    return browser.evaluate(MAP_DRAWN)


def search_details(browser: Browser, query: str) -> str | None:
    """Type a search and return the details panel's text once it opens (None if it does not)."""
    browser.evaluate(
        "document.getElementById('details').hidden = true;"
        f"(function () {{ var s = document.getElementById('search'); s.value = {json.dumps(query)};"
        " s.dispatchEvent(new Event('input')); })()"
    )
    try:
        return browser.wait_for("!document.getElementById('details').hidden"
                        " && document.getElementById('details').textContent", timeout=5)  # fmt: skip
    except BrowserError:
        return None
