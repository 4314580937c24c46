"""The repository keeps its promises: the quick start, CI, requirements and lint."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def quick_start_commands():
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:bash|sh|console)?\n(.*?)```", section, flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines()
            if line.strip() and not line.strip().startswith("#")]


def test_quick_start_has_exactly_two_commands():
    commands = quick_start_commands()
    assert len(commands) == 2, commands
    assert commands[0] == "python3 course.py lab"
    assert commands[1] == "python3 course.py test"


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    test_command = quick_start_commands()[1]
    assert any(line.strip() == test_command for line in ci.splitlines()), ci


TEST_TOOLS = {"pytest", "nbval", "hypothesis", "ruff", "playwright"}
DISTRIBUTIONS = {"PIL": "pillow", "sklearn": "scikit-learn"}  # import name -> what pip installs


def requirement_names(lines):
    return {re.split(r"[<>=!~ \[]", line)[0].lower() for line in lines}


def pyproject_list(key):
    text = (ROOT / "pyproject.toml").read_text()
    block = re.search(rf"^{key}\s*=\s*\[(.*?)\]", text, flags=re.S | re.M).group(1)
    return re.findall(r'"([^"]+)"', block)


def requirements_lines():
    return [line.split("#")[0].strip()
            for line in (ROOT / "requirements.txt").read_text().splitlines()
            if line.split("#")[0].strip()]


def test_the_package_depends_on_what_it_imports_and_nothing_else():
    imported = set()
    for path in (ROOT / "mlp_viz").rglob("*.py"):
        for match in re.finditer(r"^\s*(?:from|import) ([A-Za-z_]\w*)", path.read_text(),
                                 flags=re.M):
            imported.add(match.group(1))
    third_party = {DISTRIBUTIONS.get(name, name).lower() for name in imported
                   if name not in sys.stdlib_module_names and name not in ("mlp_viz", "__future__")}
    assert requirement_names(pyproject_list("dependencies")) == third_party


def test_test_tools_are_an_extra_not_requirements():
    assert requirement_names(pyproject_list("test")) == TEST_TOOLS
    assert not TEST_TOOLS & requirement_names(pyproject_list("dependencies"))
    assert not TEST_TOOLS & requirement_names(requirements_lines())
    # the installed package's metadata says the same
    from importlib.metadata import requires

    runtime = [r for r in requires("mlp-viz") if "extra ==" not in r]
    assert not TEST_TOOLS & requirement_names(runtime), runtime


def test_the_course_environment_is_the_package_and_jupyterlab():
    lines = requirements_lines()
    assert lines[0] == "-e ."  # mlp_viz itself, editable, with its dependencies
    assert requirement_names(lines[1:]) == {"jupyterlab", "ipykernel"}


def test_every_requirement_has_a_lower_bound_and_no_pin():
    lines = (requirements_lines()[1:] + pyproject_list("dependencies")
             + pyproject_list("test"))
    for line in lines:
        assert re.fullmatch(r"[a-z0-9\-]+>=[0-9][0-9.]*", line), line


def test_the_tested_versions_pin_every_requirement():
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.lower().replace("_", "-")] = version
    wanted = requirement_names(requirements_lines()[1:] + pyproject_list("dependencies")
                               + pyproject_list("test"))
    assert wanted <= set(pins), wanted - set(pins)


def test_gitignore_covers_the_environment_and_caches():
    ignored = (ROOT / ".gitignore").read_text().split()
    for entry in (".venv/", ".ipynb_checkpoints/", "__pycache__/", ".pytest_cache/"):
        assert entry in ignored


def test_notebooks_are_committed_with_outputs():
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks, "no notebooks"
    assert notebooks[0].name == "00_start_here.ipynb"
    for path in notebooks:
        nb = json.loads(path.read_text())
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        counts = [c["execution_count"] for c in code]
        assert counts == list(range(1, len(code) + 1)), f"{path.name}: run it from a fresh kernel"
        assert any(c["outputs"] for c in code), f"{path.name} has no outputs"
        assert nb["metadata"]["kernelspec"]["name"] == "python3"


def test_ruff_is_clean():
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed; `pip install -r requirements.txt` brings it")
    result = subprocess.run([ruff, "check", "--output-format", "concise", str(ROOT)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_example_runs_and_prints_what_it_says(capsys):
    code = re.search(r"```python\n(.*?)```", README, flags=re.S).group(1)
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out.strip() == "1.0"


def _course_module():
    sys.path.insert(0, str(ROOT))
    try:
        import course
    finally:
        sys.path.remove(str(ROOT))
    return course


def test_saved_notebooks_are_in_the_fixed_form_execute_writes():
    # course.py execute fixes what varies between runs (widget ids, how printed
    # text was cut into stream pieces); the committed notebooks are in that form.
    course = _course_module()
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        assert course.normalised(text) == text, path.name


def test_execute_joins_the_pieces_of_one_printed_stream():
    course = _course_module()
    cell = {"cell_type": "code", "metadata": {}, "source": [], "execution_count": 1,
            "outputs": [{"output_type": "stream", "name": "stdout", "text": ["a 1"]},
                        {"output_type": "stream", "name": "stdout", "text": ["\n", "b 2\n"]},
                        {"output_type": "stream", "name": "stderr", "text": ["warn\n"]}]}
    nb = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    out = json.loads(course.normalised(json.dumps(nb)))["cells"][0]["outputs"]
    assert [o["name"] for o in out] == ["stdout", "stderr"]
    assert out[0]["text"] == ["a 1\n", "b 2\n"]
