"""How long the README's set-up takes on a fresh machine, and how much disk it uses.

    python3 -m bench.setup        writes bench/SETUP.md

A copy of the repository's committed files (``git archive HEAD``) goes to a
temporary folder, and there, as a newcomer would, ``python3 course.py lab
--version`` sets up the course environment (then only prints JupyterLab's
version) and ``python3 course.py test --collect-only -q`` adds the test
tools (then only lists the tests). pip's cache is turned off, so every
package is downloaded, as on a fresh machine: the times depend on the
network as much as on the machine. Sizes are of ``.venv/`` after each step.
"""

from __future__ import annotations

import io
import os
import platform
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "SETUP.md"
STEPS = [("course environment", "python3 course.py lab", ["lab", "--version"]),
         ("test environment", "python3 course.py test", ["test", "--collect-only", "-q"])]


def folder_size(path):
    """Bytes in the files under `path` (links not followed)."""
    return sum(f.lstat().st_size for f in Path(path).rglob("*") if f.is_file()
               and not f.is_symlink())


def committed_copy(target):
    """Unpack the committed files of HEAD into `target` (no .venv, no local changes)."""
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True,
                             check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.10.12+ and 3.11.4+
            tar.extractall(target, filter="data")
        else:
            tar.extractall(target)  # our own repository's archive


def measure():
    """Rows (step, command, seconds, MB of .venv) for each set-up step, from scratch."""
    env = {**os.environ, "PIP_NO_CACHE_DIR": "1"}
    rows = []
    with tempfile.TemporaryDirectory(prefix="mlp-viz-setup-") as tmp:
        committed_copy(tmp)
        for step, command, args in STEPS:
            start = time.perf_counter()
            subprocess.run([sys.executable, "course.py", *args], cwd=tmp, env=env, check=True,
                           stdout=subprocess.DEVNULL)
            seconds = time.perf_counter() - start
            rows.append((step, command, seconds, folder_size(Path(tmp) / ".venv") / 1e6))
    return rows


def main():
    rows = measure()
    lines = [
        "# The set-up, measured",
        "",
        "Made by `python3 -m bench.setup`: the committed files in a new folder, the README's "
        "commands run there in turn (each stops right after its set-up: JupyterLab prints "
        "its version, pytest lists the tests), pip's cache off, so every package is "
        "downloaded as on a fresh machine. The times depend on the network as much as on "
        "the machine.",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}.",
        "",
        "| set-up of | by | wall time (s) | `.venv/` after it (MB) |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {step} | `{command}` | {seconds:.0f} | {size:.0f} |"
              for step, command, seconds, size in rows]
    text = "\n".join(lines) + "\n"
    OUT.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
