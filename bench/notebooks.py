"""How long each notebook takes from a fresh kernel, and how much of it is drawing.

    .venv/bin/python -m bench.notebooks          writes bench/NOTEBOOKS.md

Each notebook is executed from a fresh kernel (nbclient, as nbval and
``course.py execute`` do), kernel start included, three ways in turns, and
each way in turns with the other notebooks so that the machine's drift hits
them alike; every figure is a median. The three ways: the whole notebook;
with ``MPLBACKEND=Agg`` in the kernel's environment, where no figure is
drawn inline (see the developers' guide), so the difference is what drawing
and encoding the pictures costs; and its main path alone (the cells a class
works through, up to "Going further"), as a teacher runs it in class.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "NOTEBOOKS.md"


def notebooks():
    return sorted((ROOT / "notebooks").glob("*.ipynb"))


def _has_heading(cell, heading):
    return cell["cell_type"] == "markdown" and any(
        line.strip() == heading for line in "".join(cell["source"]).splitlines())


def main_path(cells):
    """The cells a class works through: up to "## Going further", else up to the summary."""
    for heading in ("## Going further", "## Summary"):
        end = next((i for i, c in enumerate(cells) if _has_heading(c, heading)), None)
        if end is not None:
            return cells[:end]
    raise AssertionError("a notebook ends with a '## Summary' heading")


def run(path, *, draw=True, main_only=False):
    """Seconds to execute `path` from a fresh kernel, and the pictures it showed.

    With `main_only`, only its main path (:func:`main_path`) is executed.
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    if main_only:
        nb.cells = main_path(nb.cells)
    saved = os.environ.get("MPLBACKEND")
    if draw:
        os.environ.pop("MPLBACKEND", None)
    else:
        os.environ["MPLBACKEND"] = "Agg"
    try:
        start = time.perf_counter()
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        seconds = time.perf_counter() - start
    finally:
        if saved is None:
            os.environ.pop("MPLBACKEND", None)
        else:
            os.environ["MPLBACKEND"] = saved
    pictures = sum("image/png" in out.get("data", {})
                   for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs)
    return seconds, pictures


def measure(repeats=3):
    """Per notebook, medians: (seconds, seconds without drawing, pictures, main path's seconds)."""
    kinds = {"whole": {}, "undrawn": {"draw": False}, "main": {"main_only": True}}
    times = {(path, kind): [] for path in notebooks() for kind in kinds}
    pictures = {}
    for _ in range(repeats):
        for path in notebooks():
            for kind, options in kinds.items():  # in turns, so that drift hits them alike
                seconds, shown = run(path, **options)
                times[path, kind].append(seconds)
                if kind == "whole":
                    pictures[path] = shown
    return {path: (statistics.median(times[path, "whole"]),
                   statistics.median(times[path, "undrawn"]), pictures[path],
                   statistics.median(times[path, "main"]))
            for path in notebooks()}


HEADER = ["notebook", "seconds (median)", "pictures", "without drawing", "drawing",
          "main path alone"]


def rows(measured):
    def row(name, seconds, undrawn, pictures, main):
        return (name, f"{seconds:.1f}", pictures, f"{undrawn:.1f}",
                f"{max(0.0, seconds - undrawn):.1f}", f"{main:.1f}")

    out = [row(path.name, *m) for path, m in measured.items()]
    return out + [row("the whole course", *(sum(m[i] for m in measured.values())
                                            for i in range(4)))]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    from bench.__main__ import machine_facts
    from bench.common import table

    measured = measure(args.repeats)
    text = "\n".join([
        "# The notebooks from a fresh kernel",
        "",
        "Measured by `.venv/bin/python -m bench.notebooks`: each notebook executed from a "
        "fresh kernel with nbclient (kernel start included), in turns with the others, "
        f"{args.repeats} times; every column is a median. \"Without drawing\" runs with "
        "`MPLBACKEND=Agg` in the kernel's environment, where no figure is drawn inline; "
        "the difference is drawing and encoding the pictures (explorers draw theirs "
        "either way). \"Main path alone\" runs the cells up to \"Going further\", "
        "as a class works through them. Machine timings here vary by 20–30 % from run to "
        "run.",
        "",
        "Machine: " + "; ".join(machine_facts() + [platform.machine()]) + ".",
        "",
        table(HEADER, rows(measured)),
    ]) + "\n"
    OUT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
