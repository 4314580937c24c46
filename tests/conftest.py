"""Shared fixtures: plots draw on the Agg backend and every figure is closed."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def pytest_terminal_summary(terminalreporter):
    """Say how fast the explorers answered in the browser, at the end of every run."""
    import sys

    browser = sys.modules.get("test_browser") or sys.modules.get("tests.test_browser")
    summary = getattr(browser, "latency_summary", lambda: None)()
    if summary:
        terminalreporter.write_sep("-", "browser slider latency")
        terminalreporter.write_line(summary)
