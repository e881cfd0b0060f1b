"""Test helper: headless Chromium driven over the DevTools protocol on a pipe (stdlib only), so that
tests can open a page kaitei wrote and see what a browser reports about it — console errors, uncaught
exceptions, resources that failed to load, dialogs — evaluate JavaScript in it and take screenshots.

    with Browser() as b:
        page = b.open(path)
        assert page.errors == []
        page.screenshot(tmp_path / "page.png")
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import math
import os
import select
import shutil
import signal
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

TIMEOUT = 30.0  # seconds any single wait may take before BrowserError
VIEWPORT = (1280, 800)  # CSS pixels of a page unless open() is told otherwise
SETTLE = 0.15  # seconds of events drained after the load event (errors of late scripts, late logs)
EXECUTABLES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
    "--disable-extensions", "--mute-audio", "--hide-scrollbars", "--remote-debugging-pipe",
)
_SCHEMES = ("about:", "data:", "file:", "http:", "https:")


class BrowserError(RuntimeError):
    """Chromium failed, exited, or did not answer in time."""


class JavaScriptError(BrowserError):
    """An expression given to Page.evaluate threw."""


def executable() -> str | None:
    """The Chromium to run: $CHROMIUM when set, else the first of EXECUTABLES on the PATH."""
    if os.environ.get("CHROMIUM"):
        return shutil.which(os.environ["CHROMIUM"])
    return next((found for name in EXECUTABLES if (found := shutil.which(name))), None)


@dataclass(slots=True)
class Page:
    """One tab, attached through a flat session. ``errors`` collects, in order of arrival, what a
    careful reader of the DevTools console would call a problem (see Browser._record)."""

    browser: Browser
    target_id: str
    session_id: str
    url: str = ""
    errors: list[str] = field(default_factory=list)
    lifecycle: set[tuple[str, str]] = field(default_factory=set)  # (loaderId, name) of the main frame
    closed: bool = False
    crashed: bool = False

    def evaluate(self, expression: str, timeout: float | None = None) -> Any:
        """The JSON value of ``expression`` (promises awaited; undefined → None). Raises
        JavaScriptError when it throws."""
        reply = self.send("Runtime.evaluate", {
            "expression": expression, "returnByValue": True, "awaitPromise": True,
            "userGesture": True}, timeout=timeout)
        if "exceptionDetails" in reply:
            raise JavaScriptError(f"{expression!r} threw {_exception_text(reply['exceptionDetails'])}")
        return reply["result"].get("value")

    def screenshot(self, path: str | os.PathLike | None = None, full_page: bool = True) -> bytes:
        """The page as PNG (the whole scrollable page, or only the viewport), written to ``path``
        when given."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            size = self.send("Page.getLayoutMetrics")["cssContentSize"]
            params["captureBeyondViewport"] = True
            params["clip"] = {"x": 0, "y": 0, "width": math.ceil(size["width"]),
                              "height": math.ceil(size["height"]), "scale": 1}
        png = base64.b64decode(self.send("Page.captureScreenshot", params)["data"])
        if path is not None:
            Path(path).write_bytes(png)
        return png

    def settle(self, seconds: float = SETTLE) -> None:
        """Keep collecting events for ``seconds`` (errors of timers, of late network replies)."""
        self.browser._pump_for(seconds)

    def send(self, method: str, params: dict | None = None, timeout: float | None = None) -> dict:
        """A raw DevTools command to this page's session; its result."""
        if self.closed:
            raise BrowserError(f"page {self.url} is closed")
        return self.browser.send(method, params, session=self.session_id, timeout=timeout)

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            if self.browser.pid is not None:
                self.browser.send("Target.closeTarget", {"targetId": self.target_id})

    def __enter__(self) -> Page:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Browser:
    """A headless Chromium with a fresh profile, talking DevTools JSON on fd 3 (commands in) and
    fd 4 (replies and events out), each message ended by NUL. Closed and killed on exit, even
    after an error."""

    def __init__(self, timeout: float = TIMEOUT, viewport: tuple[int, int] = VIEWPORT):
        self.timeout = timeout
        self.viewport = viewport
        self.pid: int | None = None
        self.version: dict = {}
        self._folder: str | None = None
        self._write_fd = self._read_fd = -1
        self._buffer = bytearray()
        self._scanned = 0
        self._next_id = 0
        self._replies: dict[int, dict] = {}
        self._ignored: set[int] = set()  # ids of commands sent without waiting for the reply
        self._pages: dict[str, Page] = {}  # by session id

    @staticmethod
    def available() -> bool:
        """Whether a Chromium is installed (tests skip when not)."""
        return executable() is not None

    # -- life cycle -------------------------------------------------------------------------

    def __enter__(self) -> Browser:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        exe = executable()
        if exe is None:
            raise BrowserError("no Chromium found (install the chromium package or set $CHROMIUM)")
        self._folder = tempfile.mkdtemp(prefix="kaitei-chromium-")
        self._buffer.clear()
        self._replies.clear()
        self._ignored.clear()
        self._pages.clear()
        try:
            self._spawn(exe)
            self.version = self.send("Browser.getVersion")  # the first answer: chromium is up
        except BaseException:
            self.close()
            raise

    def _spawn(self, exe: str) -> None:
        # Chromium wants the pipe ends exactly at fd 3 and 4: move ours above 10 first so that
        # the dup2 actions cannot overwrite one another, then let posix_spawn place them.
        to_child, self._write_fd = _high(os.pipe())
        self._read_fd, from_child = _high(os.pipe())
        log = os.open(os.path.join(self._folder, "chromium.log"), os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o600)
        argv = [exe, *FLAGS, f"--window-size={self.viewport[0]},{self.viewport[1]}",
                f"--user-data-dir={os.path.join(self._folder, 'profile')}", "about:blank"]
        try:
            self.pid = os.posix_spawn(exe, argv, os.environ, file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_DUP2, log, 1), (os.POSIX_SPAWN_DUP2, log, 2),
                (os.POSIX_SPAWN_DUP2, to_child, 3), (os.POSIX_SPAWN_DUP2, from_child, 4),
            ], setsid=True)  # its own process group: every helper process goes in close()
        finally:
            for fd in (to_child, from_child, log):
                os.close(fd)

    def close(self) -> None:
        """Ask Chromium to quit, kill it if it does not within a few seconds, remove the profile."""
        if self.pid is not None:
            try:
                if self._write_fd >= 0:
                    self._post("Browser.close", {}, None)
            except (BrowserError, OSError):
                pass
            if not self._reaped(timeout=3.0):
                try:
                    os.killpg(self.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self._reaped(timeout=5.0)
            try:  # helpers (zygote, renderers) still alive after the main process is gone
                os.killpg(self.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            self.pid = None
        for fd in (self._write_fd, self._read_fd):
            if fd >= 0:
                os.close(fd)
        self._write_fd = self._read_fd = -1
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def _reaped(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            try:
                pid, _ = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                return True
            if pid:
                return True
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)

    # -- pages ------------------------------------------------------------------------------

    def open(self, where: str | os.PathLike, *, viewport: tuple[int, int] | None = None,
             mobile: bool = False, settle: float = SETTLE, timeout: float | None = None) -> Page:
        """A new tab showing ``where`` (a URL, or a local path opened as file://), returned once
        its load event fired and ``settle`` seconds more passed. ``viewport`` (width, height in
        CSS pixels; default the browser's) and ``mobile`` emulate a device. ``timeout``
        bounds the wait for the load event (default: the browser's)."""
        url = _url(where)
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = self._pages[session] = Page(self, target, session, url)
        for method in ("Page.enable", "Runtime.enable", "Log.enable"):
            page.send(method)
        page.send("Page.setLifecycleEventsEnabled", {"enabled": True})
        # Always set: headless takes the window's frame off --window-size, leaving an odd viewport.
        width, height = viewport or self.viewport
        page.send("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
        reply = page.send("Page.navigate", {"url": url})
        if reply.get("errorText"):
            page.close()
            raise BrowserError(f"cannot open {url}: {reply['errorText']}")
        if reply.get("loaderId"):  # absent for a navigation inside the same document
            loaded = (reply["loaderId"], "load")
            try:
                self._pump_until(lambda: loaded in page.lifecycle or page.crashed or page.closed,
                                 f"the load event of {url}", timeout)
            except BrowserError:
                with contextlib.suppress(BrowserError, OSError):
                    page.close()  # the tab goes, the browser stays usable
                raise
        if page.crashed:
            raise BrowserError(f"the renderer crashed while loading {url}")
        self._pump_for(settle)
        return page

    # -- protocol ---------------------------------------------------------------------------

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float | None = None) -> dict:
        """A DevTools command (to the browser, or to a page's session); its result, events
        arriving meanwhile handled."""
        ident = self._post(method, params or {}, session)
        try:
            self._pump_until(lambda: ident in self._replies, f"the reply to {method}", timeout)
        except BrowserError:
            self._ignored.add(ident)  # should it come after all
            raise
        reply = self._replies.pop(ident)
        if "error" in reply:
            raise BrowserError(f"{method} failed: {reply['error'].get('message')} {reply['error'].get('data', '')}".rstrip())
        return reply.get("result", {})

    def _post(self, method: str, params: dict, session: str | None) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        try:
            while data:
                data = data[os.write(self._write_fd, data):]
        except BrokenPipeError:
            raise BrowserError(f"Chromium is gone; sending {method}{self._log_tail()}") from None
        return self._next_id

    def _pump_until(self, done: Callable[[], bool], what: str, timeout: float | None = None) -> None:
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        while not done():
            left = deadline - time.monotonic()
            if left <= 0 or not self._receive(left):
                if done():
                    return
                raise BrowserError(f"timed out after {limit:g} s waiting for {what}{self._log_tail()}")

    def _pump_for(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            self._receive(left)

    def _receive(self, timeout: float) -> bool:
        """Handle the messages that arrive within ``timeout`` seconds; False when none did."""
        message = self._next_message(timeout)
        if message is None:
            return False
        while message is not None:
            self._handle(message)
            message = self._next_message(0)
        return True

    def _next_message(self, timeout: float) -> dict | None:
        deadline = time.monotonic() + timeout
        while (end := self._buffer.find(b"\0", self._scanned)) < 0:
            self._scanned = len(self._buffer)
            left = max(0.0, deadline - time.monotonic())
            if not select.select([self._read_fd], [], [], left)[0]:
                return None
            chunk = os.read(self._read_fd, 1 << 20)
            if not chunk:
                raise BrowserError(f"Chromium exited{self._log_tail()}")
            self._buffer += chunk
        message = json.loads(self._buffer[:end])
        del self._buffer[:end + 1]
        self._scanned = 0
        return message

    def _handle(self, message: dict) -> None:
        if "id" in message:
            if message["id"] in self._ignored:
                self._ignored.discard(message["id"])
            else:
                self._replies[message["id"]] = message
            return
        page = self._pages.get(message.get("sessionId", ""))
        method, params = message.get("method"), message.get("params", {})
        if method == "Target.detachedFromTarget":
            detached = self._pages.pop(params.get("sessionId", ""), None)
            if detached is not None:
                detached.closed = True
        elif page is not None:
            self._record(page, method, params)

    def _record(self, page: Page, method: str, params: dict) -> None:
        """Turn a page's event into an entry of page.errors (or page state)."""
        if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "warning", "assert"):
            text = " ".join(_remote_text(arg) for arg in params.get("args", []))
            page.errors.append(f"console.{params['type']}: {text}")
        elif method == "Runtime.exceptionThrown":
            page.errors.append(f"exception: {_exception_text(params['exceptionDetails'])}")
        elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
            entry = params["entry"]
            where = f" ({entry['url']})" if entry.get("url") else ""
            page.errors.append(f"{entry['source']} {entry['level']}: {entry['text']}{where}")
        elif method == "Page.javascriptDialogOpening":
            page.errors.append(f"dialog: {params['type']}: {params['message']}")
            # Dismissed at once (an open dialog stops the page); the reply is not awaited.
            self._ignored.add(self._post("Page.handleJavaScriptDialog", {"accept": False}, page.session_id))
        elif method == "Page.lifecycleEvent" and params["frameId"] == page.target_id:
            page.lifecycle.add((params["loaderId"], params["name"]))
        elif method == "Inspector.targetCrashed":
            page.crashed = True

    def _log_tail(self, lines: int = 5) -> str:
        try:
            text = Path(self._folder, "chromium.log").read_text(errors="replace")
        except (OSError, TypeError):
            return ""
        tail = [line for line in text.splitlines() if line.strip()][-lines:]
        return "; chromium said:\n" + "\n".join(tail) if tail else ""


def _high(fds: tuple[int, int]) -> tuple[int, int]:
    """A pipe's two ends moved to descriptors ≥ 10 (close-on-exec)."""
    moved = tuple(fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in fds)
    for fd in fds:
        os.close(fd)
    return moved


def _url(where: str | os.PathLike) -> str:
    if isinstance(where, str) and where.startswith(_SCHEMES):
        return where
    path = Path(where).resolve()
    if not path.exists():
        raise FileNotFoundError(path)
    return path.as_uri()


def _remote_text(arg: dict) -> str:
    """A console argument as the console shows it."""
    if "value" in arg:
        value = arg["value"]
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return str(arg.get("unserializableValue") or arg.get("description") or arg.get("type", ""))


def _exception_text(details: dict) -> str:
    """'Uncaught Error: boom (file:///…/page.html:3)' from Runtime exceptionDetails."""
    thrown = details.get("exception") or {}
    text = details.get("text", "")
    described = (thrown.get("description") or _remote_text(thrown)) if thrown else ""
    if described:
        text = f"{text} {described.splitlines()[0]}".strip()
    if details.get("url"):
        text += f" ({details['url']}:{details.get('lineNumber', 0) + 1})"
    return text
