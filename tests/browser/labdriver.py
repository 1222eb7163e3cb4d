"""Drive JupyterLab in headless Chromium: the driver behind tests/browser/ and
tools/screenshots.py.

`Lab` starts `jupyter lab` on loopback (a free port, a random token) with every
JUPYTER_* directory in a temporary folder and the glassjs kernelspec installed
into a temporary prefix, so it never touches the user's Jupyter set-up or
another engineer's server.  `browser()` launches Debian's Chromium through
Playwright with the flags this offline machine needs.  `Notebook` opens a
notebook in a page, runs cells, waits for them and reads their outputs.

JupyterLab's own settings are pinned for the tests: no news/update checks
(no network here), and notebook windowing off so every cell is in the DOM.
"""
from __future__ import annotations

import contextlib
import json
import os
import pathlib
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
INSTALL_HINT = "install Debian's chromium (bash tools/system-deps.sh, or apt-get install chromium)"
KERNEL_NAME = "glassjs"
# Generous: a shared 2-core machine may be busy with other test workers.
SERVER_START_S = 180
KERNEL_READY_S = 120
CELL_TIMEOUT_S = 120
ACTION_TIMEOUT_S = 60   # clicks, waits for an element

# User settings that keep the UI deterministic (see module docstring).
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "checkForUpdates": False, "fetchNews": "false"},
}


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None if they can."""
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} not found: {INSTALL_HINT}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python playwright not installed: pip install -e '.[test]'"
    return None


def write_notebook(folder, name: str, cells) -> str:
    """A glassjs notebook in folder; each cell is code (a str) or ("markdown", text). Returns name."""
    import nbformat
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {
        "name": KERNEL_NAME, "display_name": "JavaScript (glassjs)", "language": "javascript"}})
    nb.cells = [nbformat.v4.new_markdown_cell(c[1]) if isinstance(c, tuple) else nbformat.v4.new_code_cell(c)
                for c in cells]
    nbformat.write(nb, pathlib.Path(folder) / name)
    return name


def _die_with_parent() -> None:
    """In the server's child process: SIGTERM it when we die, even by SIGKILL or a
    `timeout`, so no JupyterLab outlives its test (Linux prctl PR_SET_PDEATHSIG)."""
    import ctypes
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A private JupyterLab server; use as a context manager."""

    def __init__(self, root: str | os.PathLike, python: str = sys.executable):
        self.root = pathlib.Path(root)
        self.python = python
        self.token = secrets.token_hex(16)
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self.home = pathlib.Path(tempfile.mkdtemp(prefix="glassjs-lab-"))
        self.log_path = self.home / "lab.log"

    def url(self, path: str = "lab") -> str:
        sep = "&" if "?" in path else "?"
        return f"http://127.0.0.1:{self.port}/{path}{sep}token={self.token}"

    def _env(self) -> dict:
        env = dict(os.environ)
        for name in ("CONFIG_DIR", "DATA_DIR", "RUNTIME_DIR"):
            env[f"JUPYTER_{name}"] = str(self.home / name.lower())
        env["JUPYTER_PATH"] = str(self.home / "prefix" / "share" / "jupyter")
        return env

    def _write_settings(self) -> pathlib.Path:
        folder = self.home / "user-settings"
        for rel, value in LAB_SETTINGS.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value))
        return folder

    def start(self) -> "Lab":
        env = self._env()
        # The kernelspec exactly as users install it, but into our own prefix.
        subprocess.run([self.python, "-m", "glassjs.kernel", "install", "--prefix",
                        str(self.home / "prefix")], env=env, check=True, capture_output=True)
        self.port = free_port()
        cmd = [self.python, "-m", "jupyterlab", "--no-browser",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
               f"--ServerApp.root_dir={self.root}",
               f"--LabApp.user_settings_dir={self._write_settings()}",
               f"--LabApp.workspaces_dir={self.home / 'workspaces'}",
               "--LabApp.expose_app_in_browser=True",  # window.jupyterapp, to run commands
               "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               "--LabApp.extension_manager=readonly", "--ServerApp.terminals_enabled=False"]
        if os.geteuid() == 0:  # CI machines run as root
            cmd.append("--allow-root")
        log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                     start_new_session=True, preexec_fn=_die_with_parent)
        log.close()
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + SERVER_START_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter lab exited ({self.proc.returncode}):\n{self.log()}")
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(self.url("api/status"), timeout=5) as r:
                    if r.status == 200:
                        return
            time.sleep(0.5)
        raise TimeoutError(f"jupyter lab not ready after {SERVER_START_S} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            # The server's own process group: the server and the kernels it started.
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if self.proc:
                os.killpg(self.proc.pid, signal.SIGKILL)  # any kernel left behind
        shutil.rmtree(self.home, ignore_errors=True)

    def __enter__(self) -> "Lab":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


@contextlib.contextmanager
def browser(width: int = 1280, height: int = 900):
    """A fresh Chromium context (new empty user-data-dir); yields (context, page)."""
    from playwright.sync_api import sync_playwright
    profile = tempfile.mkdtemp(prefix="glassjs-chromium-")
    try:
        with sync_playwright() as pw:
            ctx = pw.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
                viewport={"width": width, "height": height}, device_scale_factor=1)
            try:
                page = ctx.pages[0] if ctx.pages else ctx.new_page()
                page.set_default_timeout(ACTION_TIMEOUT_S * 1000)
                yield ctx, page
            finally:
                ctx.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


class Notebook:
    """A notebook open in JupyterLab in one page."""

    def __init__(self, page, lab: Lab, path: str):
        self.page, self.lab, self.path = page, lab, path

    def open(self, kernel_display_name: str = "JavaScript (glassjs)") -> "Notebook":
        """Open the notebook as the only tab; wait until its kernel (the one its metadata names)
        is idle."""
        # ?reset: an empty workspace, not the tabs an earlier page left open on this server.
        self.page.goto(self.lab.url(f"lab/tree/{self.path}?reset"), timeout=KERNEL_READY_S * 1000)
        self.page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=KERNEL_READY_S * 1000)
        panels = self.page.locator(".jp-NotebookPanel").count()
        assert panels == 1, f"{panels} notebooks open: the locators below assume one"
        self.page.wait_for_function(
            "name => [...document.querySelectorAll('.jp-KernelName')].some(e => e.textContent.trim() === name)",
            arg=kernel_display_name, timeout=KERNEL_READY_S * 1000, polling=250)
        self.wait_kernel_idle()
        return self

    def wait_kernel_idle(self) -> None:
        # The toolbar's execution indicator carries the kernel's status.
        self.page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']",
                                    state="attached", timeout=KERNEL_READY_S * 1000)

    def kernel_display_name(self) -> str:
        return self.page.locator(".jp-KernelName").first.inner_text().strip()

    @property
    def code_cells(self):
        return self.page.locator(".jp-Notebook .jp-CodeCell")

    def command(self, name: str) -> None:
        """Start a JupyterLab command. Not awaited: page.evaluate has no timeout, and a
        command's promise (run-all: until every cell ends) may never settle if a cell hangs."""
        self.page.evaluate("name => { window.jupyterapp.commands.execute(name); }", name)

    def run_all(self) -> None:
        """Run every cell; wait until each non-empty code cell shows a new execution count."""
        before = self.prompts()
        sources = self.code_cells.locator(".cm-content").all_inner_texts()
        self.command("notebook:run-all-cells")
        # An empty cell is skipped by JupyterLab and never gets a count.
        self.wait_prompts_changed([i for i, src in enumerate(sources) if src.strip()], before)

    def run_cell(self, index: int) -> None:
        """Select code cell `index` by clicking its prompt and press Shift+Enter, as a user does."""
        before = self.prompts()
        self.code_cells.nth(index).locator(".jp-InputPrompt").click()
        self.page.keyboard.press("Shift+Enter")
        self.wait_prompts_changed([index], before)

    def type_and_run(self, index: int, code: str) -> None:
        """Click into code cell `index`'s editor, type `code` key by key, press Shift+Enter."""
        before = self.prompts()
        self.code_cells.nth(index).locator(".cm-content").click()
        self.page.keyboard.type(code)
        self.page.keyboard.press("Shift+Enter")
        self.wait_prompts_changed([index], before)

    def prompts(self) -> list[str]:
        return [t.strip() for t in self.code_cells.locator(".jp-InputPrompt").all_inner_texts()]

    def wait_prompts_changed(self, indices, before: list[str]) -> None:
        """Until the given code cells show a new '[n]:' count (run and finished), then kernel idle."""
        self.page.wait_for_function(
            """([indices, before]) => {
                 const ps = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')]
                            .map(p => p.textContent.trim());
                 return indices.every(i => /^\\[\\d+\\]:$/.test(ps[i]) && ps[i] !== before[i]); }""",
            arg=[list(indices), before], timeout=CELL_TIMEOUT_S * 1000, polling=250)
        self.wait_kernel_idle()

    def prompt(self, index: int) -> str:
        return self.code_cells.nth(index).locator(".jp-InputPrompt").inner_text().strip()

    def outputs(self, index: int):
        return self.code_cells.nth(index).locator(".jp-OutputArea-output")

    def output_text(self, index: int) -> str:
        return "\n".join(t.strip() for t in self.outputs(index).all_inner_texts())
