#!/usr/bin/env python3
"""Set up and run the mlp-viz course with nothing but python3 (3.10 or newer).

    python3 course.py lab       open the course in JupyterLab (127.0.0.1, with a token)
    python3 course.py test      run every test: unit tests and the notebooks (nbval)
    python3 course.py execute   (maintainers) re-run notebooks from a fresh kernel and
                                save their outputs; name notebooks, or it runs them all

Either command first makes sure that ``.venv/`` exists and holds what
``requirements.txt`` lists, with ``mlp_viz`` installed in editable mode, so
that the notebooks import the package as it is in this folder. The set-up
runs again only when ``requirements.txt`` or ``pyproject.toml`` change.
Arguments after the command go to JupyterLab or pytest unchanged, e.g.
``python3 course.py test -x tests/test_network.py``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".mlp-viz-setup"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def say(message):
    print(f"[course] {message}", flush=True)


def run(cmd):
    """Run a set-up step; stop with its exit code if it fails."""
    result = subprocess.run(cmd, cwd=ROOT)
    if result.returncode != 0:
        say(f"this step failed (exit code {result.returncode}): {' '.join(map(str, cmd))}")
        sys.exit(result.returncode)


def setup_fingerprint():
    digest = hashlib.sha256()
    for name in ("requirements.txt", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def ensure_environment():
    """Create .venv and install the requirements and mlp_viz, unless already done."""
    if sys.version_info < (3, 10):  # noqa: UP036 (this file must run on any python3)
        sys.exit(f"mlp-viz needs Python 3.10 or newer; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        say(f"creating the virtual environment {VENV.relative_to(ROOT)}/ ...")
        result = subprocess.run([sys.executable, "-m", "venv", str(VENV)], cwd=ROOT)
        if result.returncode != 0 or not PYTHON.exists():
            sys.exit(
                "could not create a virtual environment. On Debian or Ubuntu install the venv "
                "module first (sudo apt install python3-venv), then run this command again."
            )
    fingerprint = setup_fingerprint()
    if STAMP.exists() and STAMP.read_text() == fingerprint:
        return
    say("installing the course's packages into .venv/ (the first time takes a few minutes) ...")
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    run(pip + ["-r", "requirements.txt"])
    run(pip + ["--no-deps", "--editable", "."])
    STAMP.write_text(fingerprint)
    say("set-up complete.")


def lab(args):
    """Start JupyterLab on 127.0.0.1 at the course's first notebook."""
    cmd = [str(BIN / "jupyter"), "lab", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.root_dir={ROOT}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # containers often run as root
    if not any(not a.startswith("-") for a in args):
        cmd.append("notebooks/00_start_here.ipynb")
    say("starting JupyterLab; open the http://127.0.0.1:... link with its token printed below.")
    say("stop it with Ctrl+C (twice).")
    return subprocess.call(cmd + args, cwd=ROOT)


def test(args):
    """Run the whole test suite: unit tests and nbval over the notebooks."""
    return subprocess.call([str(PYTHON), "-m", "pytest", *args], cwd=ROOT)


def execute(args):
    """Re-run notebooks top to bottom in a fresh kernel and save them with their outputs."""
    paths = args or sorted(str(p.relative_to(ROOT)) for p in (ROOT / "notebooks").glob("*.ipynb"))
    code = subprocess.call(
        [str(PYTHON), "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", "--inplace",
         # no per-cell timestamps: a re-run that changes nothing leaves the file unchanged
         "--ExecutePreprocessor.record_timing=False",
         # no saved widget state: it holds random model ids and a copy of every image
         "--ExecutePreprocessor.store_widget_state=False", *paths],
        cwd=ROOT,
    )
    for path in paths:
        file = ROOT / path
        file.write_text(normalised(file.read_text(encoding="utf-8")), encoding="utf-8")
    return code


def normalised(text):
    """A saved notebook with what varies from run to run made fixed, so re-runs are
    byte-identical: a widget's model id (it names a model that only exists while its
    kernel runs, so any id is as stale as another) and how printed text happened to be
    cut into pieces (consecutive pieces of one stream become one output)."""
    text = re.sub(r'"model_id": "[0-9a-f]{32}"', '"model_id": "' + "0" * 32 + '"', text)
    nb = json.loads(text)
    for cell in nb["cells"]:
        merged = []
        for out in cell.get("outputs", []):
            last = merged[-1] if merged else {}
            if out["output_type"] == "stream" and last.get("output_type") == "stream" \
                    and last["name"] == out["name"]:
                joined = "".join(last["text"]) + "".join(out["text"])
                last["text"] = joined.splitlines(keepends=True)
            else:
                merged.append(out)
        if "outputs" in cell:
            cell["outputs"] = merged
    # the layout nbformat writes: sorted keys, one-space indent, a final newline
    return json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


COMMANDS = {"lab": lab, "test": test, "execute": execute}


def main(argv):
    if not argv or argv[0] not in COMMANDS:
        print(__doc__.strip())
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    ensure_environment()
    try:
        return COMMANDS[argv[0]](argv[1:])
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
