"""End to end: JupyterLab on loopback, each notebook opened and run in Chromium, as a reader would.

The test starts its own JupyterLab server (a free loopback port, a random token) on a scratch copy of
the notebooks, drives Debian's Chromium with Playwright, runs every cell through the Run menu, waits for
the kernel to finish, and checks that no cell shows an error and that every chart rendered. It saves a
screenshot of each notebook (in ``build/screenshots/`` unless SCREENSHOT_DIR says otherwise) and stops
the server even when a check fails. It talks to nothing but 127.0.0.1.

Every wait polls for a condition with a generous deadline (multiplied by CHILE73_WAIT_SCALE, 1 by
default) and names what it waited for when it gives up. A failing notebook leaves its screenshot and
the JupyterLab log in ``build/browser-failures/``, and the failure message quotes the log's tail.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from analysis.core.paths import NOTEBOOKS, ROOT
from analysis.outputs.notebooks import notebook_paths

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "build" / "screenshots"))
FAILURES = ROOT / "build" / "browser-failures"
SCALE = float(os.environ.get("CHILE73_WAIT_SCALE", "1"))
# Deadlines in seconds: far above what an idle machine needs (a notebook runs in a few seconds), so
# that a machine loaded several times over still passes.
START_LAB = 300 * SCALE
OPEN_NOTEBOOK = 300 * SCALE
RUN_ALL = 900 * SCALE
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SETTINGS = {
    # Render every cell (JupyterLab 4 otherwise renders only those in view) and ask for no news.
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def _ensure_chromium() -> Path:
    """Debian's Chromium, installed with apt-get when missing and allowed (CI starts bare, as root)."""
    if CHROMIUM.exists():
        return CHROMIUM
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(
            ["apt-get", "update", "-qq"], check=True, env=env, stdout=subprocess.DEVNULL
        )
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "chromium"],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
    if not CHROMIUM.exists():
        pytest.skip(
            f"Chromium not found at {CHROMIUM} and could not be installed (needs root and apt-get)"
        )
    return CHROMIUM


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 serving a scratch copy of the notebooks; always stopped."""
    root = tmp_path_factory.mktemp("lab")
    work = root / "notebooks"
    shutil.copytree(ROOT / "notebooks", work)
    settings = root / "settings"
    for rel, value in SETTINGS.items():
        path = settings / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value), encoding="utf-8")
    port, token = _free_port(), secrets.token_hex(16)
    log = (root / "lab.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={work}",
            *(["--ServerApp.allow_root=True"] if os.geteuid() == 0 else []),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env={
            **os.environ,
            "JUPYTERLAB_SETTINGS_DIR": str(settings),
            "JUPYTER_CONFIG_DIR": str(root / "config"),
        },
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_LAB
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"JupyterLab did not answer /api/status within {START_LAB:.0f} s "
                    f"(exit code {proc.poll()}):\n" + (root / "lab.log").read_text()
                )
            time.sleep(0.5)
        yield {"base": base, "token": token, "log": root / "lab.log"}
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def browser():
    chromium = _ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def _expected_charts(path: Path) -> int:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return sum(
        1
        for c in nb["cells"]
        if c["cell_type"] == "code" and "".join(c["source"]).strip().startswith("figures.")
    )


PROMPTS = """() => Array.from(document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt'))
    .map(e => e.textContent.trim())"""


def _wait_until(what: str, probe, timeout: float, interval: float = 0.5):
    """Poll ``probe`` (returning ``(ok, seen)``) until ok; fail naming ``what`` and the last seen."""
    deadline = time.monotonic() + timeout
    while True:
        ok, seen = probe()
        if ok:
            return seen
        if time.monotonic() > deadline:
            raise AssertionError(
                f"gave up after {timeout:.0f} s waiting for {what}; last seen: {seen!r}"
            )
        time.sleep(interval)


def _finished(page):
    prompts = page.evaluate(PROMPTS)
    return bool(prompts) and all(p.startswith("[") and p[1:-2].isdigit() for p in prompts), prompts


def _idle(page):
    n = page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").count()
    return bool(n), "idle" if n else "busy or not shown"


def _charts_loaded(page):
    widths = page.evaluate(WIDTHS)
    return all(w > 100 for w in widths), widths


def _started(page):
    prompts = page.evaluate(PROMPTS)
    return any(p != "[ ]:" for p in prompts), prompts


def _run_all(page, attempts: int = 3) -> None:
    """Run > Run All Cells, as a reader would; a click the page swallowed is made again.

    Under heavy load a menu can open late and a click can land before it does: the test then waits
    for the first cell to start and, if none has, opens the menu again."""
    for attempt in range(1, attempts + 1):
        page.locator(".jp-Notebook .jp-Cell").first.click()
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        item = page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first
        item.wait_for(state="visible", timeout=OPEN_NOTEBOOK * 1000)
        item.click()
        try:
            _wait_until("the first cell to start", lambda: _started(page), 60 * SCALE)
            return
        except AssertionError:
            if attempt == attempts:
                raise
            page.keyboard.press("Escape")


def _keep_evidence(page, lab, path: Path) -> str:
    """Save the page and the server log where a developer will look; return the log's tail."""
    FAILURES.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(Exception):
        page.screenshot(path=str(FAILURES / f"{path.stem}.png"))
    log = Path(lab["log"]).read_text(encoding="utf-8", errors="replace")
    (FAILURES / "jupyterlab.log").write_text(log, encoding="utf-8")
    tail = "\n".join(log.splitlines()[-30:])
    return f"screenshot and JupyterLab log in {FAILURES}; log tail:\n{tail}"


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_notebook_runs_in_jupyterlab(lab, browser, path: Path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    step = "opening the notebook"
    try:
        page.goto(
            f"{lab['base']}/lab/tree/{path.relative_to(NOTEBOOKS).as_posix()}"
            f"?reset&token={lab['token']}",
            timeout=OPEN_NOTEBOOK * 1000,
        )
        step = "the notebook's cells to appear"
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=OPEN_NOTEBOOK * 1000)
        step = "the kernel to become idle after opening"
        _wait_until(step, lambda: _idle(page), OPEN_NOTEBOOK)
        step = "Run > Run All Cells to start the first cell"
        _run_all(page)
        step = "every code cell to show an execution number"
        _wait_until(step, lambda: _finished(page), RUN_ALL)
        step = "the kernel to become idle after running"
        _wait_until(step, lambda: _idle(page), RUN_ALL)
        step = "checking the outputs"
        errors = page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
        )
        tracebacks = page.locator(
            ".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']"
        )
        assert tracebacks.count() == 0, tracebacks.first.inner_text()
        assert errors.count() == 0, errors.first.inner_text()
        images = page.locator(".jp-RenderedImage img")
        assert images.count() >= _expected_charts(path)
        step = "every chart to finish loading"
        _wait_until(step, lambda: _charts_loaded(page), OPEN_NOTEBOOK)
        SHOTS.mkdir(parents=True, exist_ok=True)
        if images.count():
            images.first.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"{path.stem}.png"))
    except Exception as exc:
        evidence = _keep_evidence(page, lab, path)
        raise AssertionError(f"{path.name}: failed at '{step}': {exc}\n{evidence}") from exc
    finally:
        page.close()


WIDTHS = (
    "() => Array.from(document.querySelectorAll('.jp-RenderedImage img')).map(i => i.naturalWidth)"
)
