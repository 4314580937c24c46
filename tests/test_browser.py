"""The course in a real JupyterLab, driven by a real (headless) Chromium.

nbval proves the notebooks' text; it cannot see widgets. This test starts
JupyterLab the way a learner does, opens every notebook, runs all its cells,
and then moves every explorer's controls with the keyboard and the mouse,
checking that the readout and the picture change, and timing each step from
the key press to the new picture. It also writes exercise 01.5 as a learner
would, first with the classic slip and then right, and reads both verdicts.

It needs Debian's ``chromium`` (``apt-get install chromium``) and the
``playwright`` package (in requirements.txt); nothing is downloaded. Where
chromium is missing it is skipped with that advice, except under ``CI=true``,
where it fails. Before/after screenshots of every explorer go to pytest's
temporary folder, or to DIR with ``MLP_VIZ_SCREENSHOTS=DIR``;
``MLP_VIZ_RECORD=1`` writes the latencies to ``bench/BROWSER.md``.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
LATENCIES: list = []
SEEN: set = set()  # explorers met in the notebooks
RAN: set = set()  # notebooks run to the end


def _require_browser():
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append("Debian's chromium (as root: apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright (pip install -r requirements.txt)")
    if missing:
        message = "the browser test needs " + " and ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; CI must install it (see .ci/run)")
        pytest.skip(message)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(base, token, path, method="GET"):
    request = urllib.request.Request(f"{base}{path}", method=method,
                                     headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    return json.loads(body) if body else None


def _fingerprints():
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in (ROOT / "notebooks").glob("*.ipynb")}


def _write_settings(settings):
    """User settings of the test's own JupyterLab: no autosave, no news, no update checks."""
    files = {
        "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false", "checkForUpdates": False},
    }
    for name, content in files.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content))


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab on 127.0.0.1 with its own HOME, settings, workspaces and runtime."""
    _require_browser()
    home = tmp_path_factory.mktemp("lab-home")
    _write_settings(home / "settings")
    port, token = _free_port(), hashlib.sha256(os.urandom(16)).hexdigest()[:32]
    env = dict(os.environ, HOME=str(home), JUPYTER_CONFIG_DIR=str(home / "config"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(home / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
               IPYTHONDIR=str(home / "ipython"), MPLCONFIGDIR=str(home / "mpl"))
    env.pop("MPLBACKEND", None)
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser",
           "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
           "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={ROOT}", "--LabApp.expose_app_in_browser=True",
           "--LabApp.news_url=", "--ServerApp.allow_root=True"]
    log = open(home / "lab.log", "w")  # closed at teardown
    server = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            _api(base, token, "/api/status")
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                log.close()
                pytest.fail("JupyterLab did not start:\n" + (home / "lab.log").read_text())
            time.sleep(0.5)
    before = _fingerprints()
    yield base, token
    for kernel in _api(base, token, "/api/kernels") or []:
        _api(base, token, f"/api/kernels/{kernel['id']}", method="DELETE")
    os.killpg(server.pid, signal.SIGTERM)  # the server and nothing else: its own session
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    log.close()
    assert _fingerprints() == before, "a committed notebook changed during the browser run"


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"])
        yield chromium
        chromium.close()


# JavaScript run in the page: the notebook panel that is open, via the app the
# server exposes for tests (--LabApp.expose_app_in_browser).
_ALL_RUN = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  const cells = panel.content.widgets.filter(c => c.model.type === 'code');
  return cells.length > 0 && cells.every(c => c.model.executionCount !== null);
}"""

_KERNEL_IDLE = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session
    && panel.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle';
}"""


def _menu(page, menu, item):
    page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click()


def open_and_run(page, base, token, name):
    # ?reset: a fresh workspace, so no tab from the previous notebook comes back
    page.goto(f"{base}/lab/tree/notebooks/{name}?reset&token={token}")
    page.wait_for_function(_KERNEL_IDLE, timeout=90_000)
    _menu(page, "Edit", "Clear Outputs of All Cells")
    _menu(page, "Run", "Run All Cells")
    page.wait_for_function(_ALL_RUN, timeout=120_000, polling=250)
    page.wait_for_timeout(500)  # let the last outputs render


def assert_clean(page, name):
    errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    assert errors.count() == 0, f"{name}: error output:\n" + "\n".join(errors.all_inner_texts())
    text = page.locator(".jp-Notebook").inner_text()
    assert "Error displaying widget" not in text, name
    page.wait_for_function("() => !document.querySelector('.jp-Notebook').innerText"
                           ".includes('Loading widget')", timeout=30_000)


# Controls to move in each explorer: (kind, index among its kind, how).
MOVES = {
    "Training explorer": [("slider", 0, "ArrowRight"), ("slider", 1, "ArrowLeft"),
                          ("select", 0, "32")],
    "Dropout explorer": [("slider", 0, "ArrowRight")],
    "Gradient flow": [("slider", 0, "ArrowRight"), ("select", 0, "relu"),
                      ("select", 1, "He (ReLU)")],
    "Activation functions": [("select", 0, "sigmoid"), ("slider", 0, "ArrowRight")],
    # the playground: a new learning rate (trains once), then scrubbing the recorded run
    # (its fifth slider is the iteration), then Play (see play_for)
    "Playground": [("slider", 1, "ArrowRight"), ("slider", 4, "Home"),
                   ("slider", 4, "ArrowRight"), ("play", 0, 2.0)],
}
SCRUBS: list = []  # key press to new picture, moving the playground's iteration
PLAYED: list = []  # frames a second while Play ran


def move_controls(page, explorer, title, shots):
    image = explorer.locator("img").first
    for step, (kind, index, how) in enumerate(MOVES[title]):
        readout_before = explorer.locator(".widget-readout, select").all_inner_texts()
        values_before = [s.input_value() for s in explorer.locator("select").all()]
        src_before = image.get_attribute("src")
        explorer.screenshot(path=str(shots / f"{title}-{step}-before.png"))
        page.evaluate("""([img]) => {
            window.__changed = null;
            new MutationObserver((_, obs) => { window.__changed = performance.now();
                                                obs.disconnect(); })
              .observe(img, {attributes: true, attributeFilter: ['src']});
            window.__pressed = performance.now(); }""", [image.element_handle()])
        if kind == "play":
            play_for(page, explorer, image, how)
        elif kind == "slider":
            handle = explorer.locator(".noUi-handle").nth(index)
            handle.focus()
            page.keyboard.press(how)
        else:
            explorer.locator("select").nth(index).select_option(label=how)
        page.wait_for_function("() => window.__changed !== null", timeout=30_000)
        latency = page.evaluate("() => window.__changed - window.__pressed")
        if kind == "play":
            pass
        elif title == "Playground" and index == 4:
            SCRUBS.append(latency)
        else:
            LATENCIES.append(latency)
        assert image.get_attribute("src") != src_before, f"{title}: the picture did not change"
        readout_after = explorer.locator(".widget-readout, select").all_inner_texts()
        values_after = [s.input_value() for s in explorer.locator("select").all()]
        assert (readout_after, values_after) != (readout_before, values_before), (
            f"{title}: the control's readout did not change")
        error = explorer.locator(".widget-html").all_inner_texts()
        assert not any("Could not update" in e for e in error), error
        explorer.screenshot(path=str(shots / f"{title}-{step}-after.png"))
        assert (shots / f"{title}-{step}-after.png").stat().st_size > 1000


def play_for(page, explorer, image, seconds):
    """Press Play, let it run for `seconds`, pause; count the pictures it showed."""
    page.evaluate("""([img]) => {
        window.__frames = 0;
        window.__playing = new MutationObserver(() => { window.__frames += 1; });
        window.__playing.observe(img, {attributes: true, attributeFilter: ['src']}); }""",
                  [image.element_handle()])
    toggle = explorer.locator(".widget-play button").first  # play, and while playing, pause
    toggle.click()
    page.wait_for_timeout(seconds * 1000)
    toggle.click()
    frames = page.evaluate("() => { window.__playing.disconnect(); return window.__frames; }")
    assert frames > 1, f"Play ran for {seconds} s and showed {frames} pictures"
    PLAYED.append(frames / seconds)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_and_its_widgets_answer(lab, browser, path, tmp_path_factory):
    base, token = lab
    # Before/after screenshots of every explorer: in pytest's temporary folder,
    # or where MLP_VIZ_SCREENSHOTS says.
    shots = Path(os.environ.get("MLP_VIZ_SCREENSHOTS")
                 or tmp_path_factory.getbasetemp() / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    try:
        open_and_run(page, base, token, path.name)
        assert_clean(page, path.name)
        for title in MOVES:
            explorers = page.locator(".widget-vbox", has=page.locator(".widget-html",
                                                                      has_text=title))
            for i in range(explorers.count()):
                explorer = explorers.nth(i)
                explorer.scroll_into_view_if_needed()
                move_controls(page, explorer, title, shots)
                SEEN.add(title)
        assert_clean(page, path.name)
        RAN.add(path.name)
    finally:
        page.close()
        for kernel in _api(base, token, "/api/kernels") or []:
            _api(base, token, f"/api/kernels/{kernel['id']}", method="DELETE")


def write_and_run(page, cell, code):
    """Replace the text of a code `cell` as a learner would (select all, type) and run it."""
    editor = cell.locator(".cm-content").first
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(code)   # as typed, without the editor's automatic indentation
    page.keyboard.press("Shift+Enter")


def test_a_learner_writes_the_dense_layer_and_is_told(lab, browser):
    # Exercise 01.5 in the browser: a first try with the classic slip, then the right one.
    base, token = lab
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    try:
        open_and_run(page, base, token, "01_layers_and_neurons.ipynb")
        cell = page.locator(".jp-CodeCell", has_text="def dense(X, W, b):").first
        cell.scroll_into_view_if_needed()
        output = cell.locator(".jp-OutputArea-output")
        assert "Not yet (01.5)" in output.inner_text() and "returned None" in output.inner_text()
        for code, said in [
            ("def dense(X, W, b):\n    return X @ W + b\n\n\nmv.check('01.5', dense)",
             "your dense gives the result of multiplying by W where its transpose belongs"),
            ("def dense(X, W, b):\n    return X @ W.T + b\n\n\nmv.check('01.5', dense)",
             "✓ Correct (01.5): your dense agrees with mlp_viz's on all 5 cases")]:
            write_and_run(page, cell, code)
            page.wait_for_function(
                "([cell, said]) => cell.innerText.includes(said)",
                arg=[cell.element_handle(), said], timeout=30_000)
        assert_clean(page, "01_layers_and_neurons.ipynb")
    finally:
        page.close()
        for kernel in _api(base, token, "/api/kernels") or []:
            _api(base, token, f"/api/kernels/{kernel['id']}", method="DELETE")


def latency_summary():
    """One line on the slider steps measured so far, or None (used by conftest.py)."""
    if not LATENCIES:
        return None
    median = statistics.median(LATENCIES)
    line = (f"{len(LATENCIES)} slider steps in the browser: median {median:.0f} ms from key "
            f"press (or selection) to new picture, slowest {max(LATENCIES):.0f} ms")
    if SCRUBS:
        line += (f"; scrubbing the playground's recorded run, {len(SCRUBS)} steps: median "
                 f"{statistics.median(SCRUBS):.0f} ms")
    if PLAYED:
        line += (f"; Play showed {statistics.median(PLAYED):.1f} pictures a second (median "
                 f"of {len(PLAYED)} runs of 2 s)")
    return line


def test_latency_report():
    """Record the latencies (MLP_VIZ_RECORD=1 writes bench/BROWSER.md)."""
    if not LATENCIES:
        pytest.skip("no widget was moved (the browser tests did not run)")
    if RAN == {p.name for p in NOTEBOOKS}:  # the whole course ran: every explorer was met
        assert SEEN == set(MOVES), f"explorers no notebook shows: {set(MOVES) - SEEN}"
    if os.environ.get("MLP_VIZ_RECORD") == "1":
        (ROOT / "bench" / "BROWSER.md").write_text(
            "# Slider latency in a real browser\n\nMeasured by `tests/test_browser.py` "
            "(headless Chromium from Debian, JupyterLab on this machine), from the key press "
            "or selection to the new picture in the page, over every control of every "
            f"explorer in the notebooks.\n\n- {latency_summary()}\n")
    assert all(t > 0 for t in LATENCIES)


def test_without_chromium_it_skips_with_advice_but_fails_in_ci(monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"apt-get install chromium"):
        _require_browser()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"CI must install it \(see \.ci/run\)"):
        _require_browser()
