#!/usr/bin/env python3
"""Set up and run the mlp-viz course with nothing but python3 (3.10 or newer).

    python3 course.py lab       open the course in JupyterLab (127.0.0.1, with a token)
    python3 course.py test      run every test: unit tests and the notebooks (nbval)

For maintainers:

    python3 course.py execute [NOTEBOOK ...]   re-run notebooks from a fresh kernel, save outputs
    python3 course.py test --latest            the suite on the newest releases (.venv-latest/)
    python3 course.py test --lowest            unit tests and nbval with every requirement at
                                               exactly its lower bound (.venv-lowest/)
    python3 course.py test --wheel             build a wheel, install it (not editable) in
                                               .venv-wheel/ and run every notebook from a
                                               folder outside the repository
    python3 course.py lock [--latest]          run the suite, and if it passes write the
                                               versions it passed with to constraints.txt

``lab`` sets up ``.venv/`` with the course environment (``requirements.txt``:
mlp_viz in editable mode, JupyterLab and a kernel); ``test`` adds the test
tools (the ``test`` extra of ``pyproject.toml``). Both install the versions
the suite last passed with (``constraints.txt``); where those cannot be
installed (a Python without wheels for them, say) they fall back to the
ranges and say so. A set-up runs again only when one of those files changes,
and one that was interrupted or failed is simply finished by the next
command. Arguments after ``lab`` or ``test`` go to JupyterLab or pytest,
e.g. ``python3 course.py test -x tests/test_network.py``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
REQUIREMENTS = ROOT / "requirements.txt"
PYPROJECT = ROOT / "pyproject.toml"
CONSTRAINTS = ROOT / "constraints.txt"
BIN_DIR = "Scripts" if os.name == "nt" else "bin"
EXE = ".exe" if os.name == "nt" else ""
UNIT_AND_NOTEBOOKS = ["tests", "notebooks", "--ignore=tests/test_browser.py"]


def say(message):
    print(f"[course] {message}", flush=True)


class SetupFailed(Exception):
    """A set-up step failed; the message says in one line what to do."""


# ------------------------------------------------------------------ requirements
def _lines(text):
    return [line.split("#", 1)[0].strip() for line in text.splitlines()
            if line.split("#", 1)[0].strip()]


def course_requirements(extra=None):
    """pip arguments for the course environment (requirements.txt), with mlp_viz's `extra`."""
    args = []
    for line in _lines(REQUIREMENTS.read_text()):
        if line == "-e .":
            args += ["-e", f".[{extra}]" if extra else "."]
        else:
            args.append(line)
    return args


def _pyproject_list(key):
    """A list of requirement strings from pyproject.toml (dependencies or an extra's)."""
    text = PYPROJECT.read_text()
    match = re.search(rf"^{re.escape(key)}\s*=\s*\[(.*?)\]", text, flags=re.S | re.M)
    if match is None:
        raise SystemExit(f"pyproject.toml has no list {key!r}")
    return re.findall(r'"([^"]+)"', match.group(1))


def lower_bounds():
    """Every requirement of the test environment pinned at exactly its lower bound."""
    reqs = (_pyproject_list("dependencies") + _pyproject_list("test")
            + [line for line in _lines(REQUIREMENTS.read_text()) if line != "-e ."])
    pins = []
    for req in reqs:
        match = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+)\s*>=\s*([0-9][^,;\s]*)", req)
        if match is None:
            raise SystemExit(f"every requirement needs a lower bound written as name>=version; "
                             f"got {req!r}")
        pins.append(f"{match.group(1)}=={match.group(2)}")
    return pins


# ------------------------------------------------------------------ environments
class Environment:
    """A virtual environment in the repository, set up in layers that remember themselves."""

    def __init__(self, name):
        self.path = ROOT / name
        self.python = self.path / BIN_DIR / f"python{EXE}"
        self.created = self.path / ".mlp-viz-created"

    def bin(self, tool):
        return self.path / BIN_DIR / f"{tool}{EXE}"

    def ensure(self, layer, args, *, constraints=True):
        """Install `args` with pip unless this exact layer is already in place.

        With `constraints`, within the tested versions of constraints.txt (or,
        where those cannot be installed, the ranges); without, the newest
        releases within the ranges, upgrading what an earlier set-up installed.
        """
        stamp = self.path / f".mlp-viz-{layer}"
        fingerprint = _fingerprint(args, constraints)
        if self.created.exists() and stamp.exists() and stamp.read_text() == fingerprint:
            return
        self._create()
        say(f"installing the {layer} packages into {self.path.name}/ (the first time takes a "
            "few minutes) ...")
        stamp.unlink(missing_ok=True)  # a layer half installed is installed again
        self._install(args if constraints else ["--upgrade"] + args, constraints)
        stamp.write_text(fingerprint)
        say("set-up complete.")

    def _create(self):
        if self.python.exists() and (self.created.exists() or self._works()):
            self.created.write_text("")
            return
        if self.path.exists():  # a creation that was interrupted: start it again
            shutil.rmtree(self.path)
        say(f"creating the virtual environment {self.path.name}/ ...")
        result = subprocess.run([sys.executable, "-m", "venv", str(self.path)], cwd=ROOT)
        if result.returncode != 0 or not self.python.exists():
            shutil.rmtree(self.path, ignore_errors=True)
            raise SetupFailed(
                "could not create a virtual environment. On Debian or Ubuntu install the venv "
                "module first (sudo apt install python3-venv), then run this command again.")
        self.created.write_text("")

    def _works(self):
        """Whether the environment's Python runs and has pip (a complete creation)."""
        return subprocess.run([str(self.python), "-c", "import pip"],
                              capture_output=True).returncode == 0

    def _install(self, args, constraints):
        pip = [str(self.python), "-m", "pip", "install", "--disable-pip-version-check",
               "--quiet"]
        if constraints and CONSTRAINTS.exists():
            if _pip(pip + ["-c", str(CONSTRAINTS)] + args) == 0:
                return
            say("the tested versions in constraints.txt cannot all be installed here (for "
                f"example no wheel for Python {sys.version.split()[0]}); installing the newest "
                "releases within the ranges instead.")
        code = _pip(pip + args)
        if code != 0:
            raise SetupFailed(
                f"pip could not install the packages (exit code {code}): check the internet "
                "connection and the free disk space, then run the same command again (it picks "
                f"up where it stopped; delete {self.path.name}/ to start over).")

    def freeze(self):
        result = subprocess.run([str(self.python), "-m", "pip", "freeze", "--exclude-editable",
                                 "--disable-pip-version-check"], capture_output=True, text=True)
        return result.stdout


def _pip(cmd):
    return subprocess.run(cmd, cwd=ROOT).returncode


def _fingerprint(args, constraints):
    digest = hashlib.sha256(json.dumps(args).encode())
    for path in (REQUIREMENTS, PYPROJECT) + ((CONSTRAINTS,) if constraints else ()):
        if path.exists():
            digest.update(path.read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def course_env():
    env = Environment(".venv")
    env.ensure("course", course_requirements())
    return env


def test_env(name=".venv", *, constraints=True):
    env = Environment(name)
    env.ensure("course", course_requirements(), constraints=constraints)
    env.ensure("test", course_requirements(extra="test"), constraints=constraints)
    return env


# ----------------------------------------------------------------------- commands
def lab(args):
    """Start JupyterLab on 127.0.0.1 at the course's first notebook."""
    env = course_env()
    cmd = [str(env.bin("jupyter")), "lab", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.root_dir={ROOT}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # containers often run as root
    if not any(not a.startswith("-") for a in args):
        cmd.append("notebooks/00_start_here.ipynb")
    say("starting JupyterLab; open the http://127.0.0.1:... link with its token printed below.")
    say("stop it with Ctrl+C (twice).")
    return subprocess.call(cmd + args, cwd=ROOT)


def test(args):
    """Run the whole test suite (or, with a flag first, one of the maintainers' runs)."""
    flag = args[0] if args and args[0] in ("--latest", "--lowest", "--wheel") else None
    rest = args[1:] if flag else args
    if flag == "--latest":
        env = test_env(".venv-latest", constraints=False)
        return _pytest(env, rest)
    if flag == "--lowest":
        env = Environment(".venv-lowest")
        env.ensure("lowest", lower_bounds() + ["-e", "."], constraints=False)
        return _pytest(env, UNIT_AND_NOTEBOOKS + rest)
    if flag == "--wheel":
        return wheel_test(rest)
    return _pytest(test_env(), rest)


def _pytest(env, args):
    return subprocess.call([str(env.python), "-m", "pytest", *args], cwd=ROOT)


def wheel_test(args):
    """Install mlp_viz from a wheel and run every notebook in a folder outside the repository."""
    env = Environment(".venv-wheel")
    # Everything but mlp_viz itself, which comes from the wheel.
    others = [a for a in course_requirements() if a not in ("-e", ".")]
    env.ensure("course", others + _pyproject_list("dependencies") + _pyproject_list("test"))
    with tempfile.TemporaryDirectory(prefix="mlp-viz-wheel-") as tmp:
        work = Path(tmp)
        say("building the wheel ...")
        # From a copy without build/ (setuptools would package what an earlier build
        # left there) and without the environments.
        shutil.copytree(ROOT, work / "source", ignore=shutil.ignore_patterns(
            ".git", ".venv*", "build", "dist", "*.egg-info", "__pycache__", ".*_cache"))
        if _pip([str(env.python), "-m", "pip", "wheel", "--quiet", "--no-deps",
                 "--disable-pip-version-check", "-w", str(work / "dist"),
                 str(work / "source")]) != 0:
            raise SetupFailed("could not build the wheel (pip wheel failed).")
        (wheel,) = (work / "dist").glob("mlp_viz-*.whl")
        if _pip([str(env.python), "-m", "pip", "install", "--quiet", "--force-reinstall",
                 "--no-deps", "--disable-pip-version-check", str(wheel)]) != 0:
            raise SetupFailed(f"could not install {wheel.name}.")
        shutil.copytree(ROOT / "notebooks", work / "notebooks")
        probe = subprocess.run([str(env.python), "-c", "import mlp_viz; print(mlp_viz.__file__)"],
                               cwd=work, capture_output=True, text=True)
        where = probe.stdout.strip()
        if not where or not Path(where).resolve().is_relative_to(env.path.resolve()):
            failure = (probe.stderr.strip().splitlines() or ["no error"])[-1]
            raise SetupFailed(f"mlp_viz was not imported from the wheel installed in "
                              f"{env.path.name}/ (from {where or 'nowhere'}: {failure}).")
        say(f"running the notebooks in {work / 'notebooks'} with mlp_viz from {where}")
        return subprocess.call([str(env.python), "-m", "pytest", "-p", "no:cacheprovider",
                                "--nbval", "--nbval-current-env", "notebooks", *args], cwd=work)


def lock(args):
    """Run the suite (in .venv, or .venv-latest with --latest); if it passes, pin its versions."""
    latest = "--latest" in args
    rest = [a for a in args if a != "--latest"]
    env = test_env(".venv-latest", constraints=False) if latest else test_env()
    code = _pytest(env, rest)
    if code != 0:
        say(f"the suite failed (exit code {code}); constraints.txt is left as it was.")
        return code
    header = ("# The exact versions the whole test suite last passed with, written by\n"
              "# `python3 course.py lock`. The set-up installs within them; requirements.txt\n"
              "# and pyproject.toml hold the ranges.\n")
    CONSTRAINTS.write_text(header + env.freeze())
    say("constraints.txt now holds the versions the suite passed with.")
    return 0


def execute(args):
    """Re-run notebooks top to bottom in a fresh kernel and save them with their outputs."""
    env = test_env()
    paths = args or sorted(str(p.relative_to(ROOT)) for p in (ROOT / "notebooks").glob("*.ipynb"))
    code = subprocess.call(
        [str(env.python), "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
         "--inplace",
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


COMMANDS = {"lab": lab, "test": test, "execute": execute, "lock": lock}


def main(argv):
    if not argv or argv[0] not in COMMANDS:
        print(__doc__.strip())
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    if sys.version_info < (3, 10):  # noqa: UP036 (this file must run on any python3)
        sys.exit(f"mlp-viz needs Python 3.10 or newer; this is {sys.version.split()[0]}.")
    try:
        return COMMANDS[argv[0]](argv[1:])
    except SetupFailed as exc:
        say(f"set-up failed: {exc}")
        return 1
    except KeyboardInterrupt:
        say("interrupted. Run the same command again to finish; it picks up where it stopped.")
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
