"""course.py: the set-up installs the tested versions, falls back in words, and recovers.

pip is replaced by a stand-in that records what it was asked and answers as
told, so these tests run in a moment and need no network; the real set-up
is what ``python3 course.py test`` itself runs (and .ci/run with it).
"""

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import course  # noqa: E402  (course.py lives at the top of the repository)


class FakePip:
    """Answers pip calls with the exit codes given, in turn, and records the calls."""

    def __init__(self, *codes):
        self.codes, self.calls = list(codes), []

    def __call__(self, cmd):
        self.calls.append(cmd)
        code = self.codes.pop(0)
        if isinstance(code, BaseException):
            raise code
        return code


@pytest.fixture
def env(tmp_path, monkeypatch):
    """An Environment in a temporary folder whose Python 'exists' and works."""
    monkeypatch.setattr(course, "ROOT", tmp_path)
    constraints = tmp_path / "constraints.txt"
    constraints.write_text("numpy==2.0.0\n")
    monkeypatch.setattr(course, "CONSTRAINTS", constraints)
    environment = course.Environment(".venv")
    environment.python.parent.mkdir(parents=True)
    environment.python.write_text("")
    monkeypatch.setattr(course.Environment, "_works", lambda self: True)
    return environment


def test_the_tested_versions_are_installed(env, monkeypatch, capsys):
    pip = FakePip(0)
    monkeypatch.setattr(course, "_pip", pip)
    env.ensure("course", ["numpy>=1.24"])
    (call,) = pip.calls
    assert call[call.index("-c") + 1] == str(course.CONSTRAINTS)
    assert "cannot all be installed" not in capsys.readouterr().out
    # done once: the same layer is not installed again
    env.ensure("course", ["numpy>=1.24"])
    assert len(pip.calls) == 1


def test_versions_that_cannot_be_installed_fall_back_to_the_ranges(env, monkeypatch, capsys):
    pip = FakePip(1, 0)
    monkeypatch.setattr(course, "_pip", pip)
    env.ensure("course", ["numpy>=1.24"])
    assert "-c" in pip.calls[0] and "-c" not in pip.calls[1]
    out = capsys.readouterr().out
    assert re.search(r"\[course\] the tested versions in constraints\.txt cannot all be "
                     r"installed here \(for example no wheel for Python [0-9.]+\); installing "
                     r"the newest releases within the ranges instead\.\n", out)
    assert (env.path / ".mlp-viz-course").exists()


def test_a_failed_install_says_what_to_do_and_is_retried(env, monkeypatch):
    monkeypatch.setattr(course, "_pip", FakePip(1, 1))
    with pytest.raises(course.SetupFailed, match=(
            r"^pip could not install the packages \(exit code 1\): check the internet "
            r"connection and the free disk space, then run the same command again \(it picks "
            r"up where it stopped; delete \.venv/ to start over\)\.$")):
        env.ensure("course", ["numpy>=1.24"])
    assert not (env.path / ".mlp-viz-course").exists()
    pip = FakePip(0)
    monkeypatch.setattr(course, "_pip", pip)
    env.ensure("course", ["numpy>=1.24"])  # the next command finishes the set-up
    assert len(pip.calls) == 1 and (env.path / ".mlp-viz-course").exists()


def test_an_interrupted_install_is_finished_next_time(env, monkeypatch):
    monkeypatch.setattr(course, "_pip", FakePip(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        env.ensure("course", ["numpy>=1.24"])
    pip = FakePip(0)
    monkeypatch.setattr(course, "_pip", pip)
    env.ensure("course", ["numpy>=1.24"])
    assert len(pip.calls) == 1


def test_a_changed_requirement_installs_again(env, monkeypatch):
    pip = FakePip(0, 0)
    monkeypatch.setattr(course, "_pip", pip)
    env.ensure("course", ["numpy>=1.24"])
    env.ensure("course", ["numpy>=1.25"])
    assert len(pip.calls) == 2


def test_an_environment_whose_creation_was_cut_short_is_made_again(tmp_path, monkeypatch):
    monkeypatch.setattr(course, "ROOT", tmp_path)
    half = course.Environment(".venv")
    half.path.mkdir()
    (half.path / "leftover").write_text("")  # no Python: venv was interrupted

    def fake_venv(cmd, **kwargs):
        assert cmd[1:3] == ["-m", "venv"] and not (half.path / "leftover").exists()
        half.python.parent.mkdir(parents=True)
        half.python.write_text("")

        class Done:
            returncode = 0
        return Done()

    monkeypatch.setattr(course.subprocess, "run", fake_venv)
    half._create()
    assert half.created.exists()


def test_lowest_pins_every_requirement_at_its_lower_bound():
    pins = dict(pin.split("==") for pin in course.lower_bounds())
    text = (ROOT / "pyproject.toml").read_text() + (ROOT / "requirements.txt").read_text()
    for name, version in pins.items():
        assert f'{name}>={version}' in text
    assert {"numpy", "matplotlib", "pytest", "jupyterlab", "ipykernel"} <= set(pins)


def test_the_test_extra_is_added_to_mlp_viz_itself():
    assert course.course_requirements()[:2] == ["-e", "."]
    assert course.course_requirements("test")[:2] == ["-e", ".[test]"]
