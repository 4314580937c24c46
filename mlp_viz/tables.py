"""Tables of numbers for the notebooks: aligned columns, without formatting code in the cells.

``mv.print_table(["rate", "loss"], [[0.0, 0.5118], [0.3, 0.4010]], formats=[".1f", ".4f"])``
prints::

    rate    loss
     0.0  0.5118
     0.3  0.4010

Each column is as wide as its widest entry (or its header); numbers are right
aligned, text left aligned, and a number that rounds to zero is written
without a minus sign (``-0.0000`` reads as a negative number that is not
there).
"""

from __future__ import annotations

import numbers
import re

import numpy as np

__all__ = ["format_table", "print_table"]

GAP = "  "  # between columns


def _specs(formats, n_columns):
    """One format string (or None for the default) per column."""
    if formats is None or isinstance(formats, str):
        return [formats] * n_columns
    formats = list(formats)
    if len(formats) != n_columns:
        raise ValueError(f"formats has {len(formats)} entries but the table has {n_columns} "
                         "columns; give one format per column (None for the default), or one "
                         "string for all of them.")
    for column, spec in enumerate(formats):
        if spec is not None and not isinstance(spec, str):
            raise TypeError(f"formats[{column}] must be a format string such as '.4f' or "
                            f"'.1%', or None; got {type(spec).__name__}.")
    return formats


def _cell(value, spec, column):
    """(text, is_number) for one entry."""
    if isinstance(value, (bool, np.bool_)) or isinstance(value, str) or value is None:
        return str(value), False
    if not isinstance(value, numbers.Number):
        raise TypeError(f"column {column} holds a {type(value).__name__}; a table entry must "
                        "be a number or a string.")
    if spec is None:
        spec = "d" if isinstance(value, numbers.Integral) else ".4f"
    try:
        text = format(value, spec)
    except ValueError as exc:
        raise ValueError(f"format {spec!r} of column {column} cannot write {value!r} ({exc}); "
                         "use e.g. '.4f' for decimals, 'd' for whole numbers, '.1%' for "
                         "percentages, '.3g' or '.2e' for numbers of any size.") from None
    if "-" in text and not re.search("[1-9]", text):  # rounded to zero: no minus sign
        text = text.replace("-", " " if text.startswith(" ") else "", 1)
    return text, True


def format_table(header, rows, *, formats=None):
    """The table :func:`print_table` prints, as one string.

    Parameters
    ----------
    header : sequence of str
        The column names.
    rows : iterable of sequences
        One value per column in each row: numbers (ints, floats, NumPy
        scalars) or strings.
    formats : str, sequence of (str or None), or None
        Format specifications (as in ``format(value, spec)``): one per
        column, or one for every column. None: whole numbers as they are,
        other numbers with 4 decimals.

    Returns
    -------
    str
        The header line and one line per row, without a final newline.

    Raises
    ------
    ValueError
        If a row has another number of values than the header has columns,
        or a format cannot write an entry.
    TypeError
        If an entry is neither a number nor a string.
    """
    if isinstance(header, str) or not all(isinstance(h, str) for h in header):
        raise TypeError("header must be a list of column names (strings), e.g. ['rate', "
                        "'loss'].")
    header = list(header)
    specs = _specs(formats, len(header))
    cells = []
    for r, row in enumerate(rows):
        row = list(row)
        if len(row) != len(header):
            raise ValueError(f"row {r} has {len(row)} values but the header has {len(header)} "
                             f"columns ({', '.join(header)}); give one value per column.")
        cells.append([_cell(v, s, c) for c, (v, s) in enumerate(zip(row, specs))])
    widths = [max([len(h)] + [len(row[c][0]) for row in cells]) for c, h in enumerate(header)]
    numeric = [bool(cells) and all(row[c][1] for row in cells) for c in range(len(header))]

    def line(texts):
        return GAP.join(t.rjust(w) if num else t.ljust(w)
                        for t, w, num in zip(texts, widths, numeric)).rstrip()

    return "\n".join([line(header)] + [line([text for text, _ in row]) for row in cells])


def print_table(header, rows, *, formats=None):
    """Print a table of numbers with aligned columns.

    Parameters
    ----------
    header, rows, formats
        As for :func:`format_table`.

    Raises
    ------
    ValueError, TypeError
        As :func:`format_table` does.

    Examples
    --------
    >>> print_table(["layer", "norm"], [[1, 9.6], [2, -0.00001]], formats=[None, ".3f"])
    layer   norm
        1  9.600
        2  0.000
    """
    print(format_table(header, rows, formats=formats))
