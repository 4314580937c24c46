"""mv.print_table: the notebooks' tables without formatting code in the cells."""

import numpy as np
import pytest

import mlp_viz as mv


def test_columns_are_aligned_numbers_right_text_left():
    text = mv.format_table(["run", "rate", "loss", "right"],
                           [["no dropout", 0.0, 0.51183, 356], ["dropout", 0.3, 0.4010, 367]],
                           formats=[None, ".1f", ".4f", None])
    assert text == ("run         rate    loss  right\n"
                    "no dropout   0.0  0.5118    356\n"
                    "dropout      0.3  0.4010    367")


def test_defaults_whole_numbers_as_they_are_and_four_decimals():
    text = mv.format_table(["n", "x"], [[np.int64(3), np.float64(2 / 3)], [10, 1.0]])
    assert text.splitlines() == [" n       x", " 3  0.6667", "10  1.0000"]


@pytest.mark.parametrize("value, spec, shown", [
    (-0.00001, ".3f", "0.000"),      # rounds to zero: no minus sign
    (-0.0, ".4f", "0.0000"),
    (-0.0004, ".1%", "0.0%"),
    (-0.0, ".2e", "0.00e+00"),
    (-0.00001, ".2e", "-1.00e-05"),  # not zero: the sign stays
    (-0.0006, ".3f", "-0.001"),
    (-2.5, ".1f", "-2.5"),
])
def test_a_number_that_rounds_to_zero_has_no_minus_sign(value, spec, shown):
    assert mv.format_table(["v"], [[value]], formats=spec).splitlines()[1].strip() == shown


def test_a_padded_zero_keeps_its_width():
    lines = mv.format_table(["value"], [[-0.00001], [12.5]], formats=">8.3f").splitlines()
    assert lines == ["   value", "   0.000", "  12.500"]


def test_print_table_prints_the_formatted_table(capsys):
    mv.print_table(["layer", "norm"], [[1, 9.6], [2, -0.00001]], formats=[None, ".3f"])
    assert capsys.readouterr().out == "layer   norm\n    1  9.600\n    2  0.000\n"


@pytest.mark.parametrize("call, error, message", [
    (lambda: mv.format_table(["a", "b"], [[1, 2], [3]]), ValueError,
     r"^row 1 has 1 values but the header has 2 columns \(a, b\); give one value per "
     r"column\.$"),
    (lambda: mv.format_table(["a", "b"], [[1, 2]], formats=[".1f"]), ValueError,
     r"^formats has 1 entries but the table has 2 columns; give one format per column"),
    (lambda: mv.format_table(["a"], [[[1, 2]]]), TypeError,
     r"^column 0 holds a list; a table entry must be a number or a string\.$"),
    (lambda: mv.format_table(["a"], [[1.5]], formats="d"), ValueError,
     r"^format 'd' of column 0 cannot write 1\.5 .*use e\.g\. '\.4f' for decimals"),
    (lambda: mv.format_table(["a"], [[1.5]], formats=[4]), TypeError,
     r"^formats\[0\] must be a format string such as '\.4f' or '\.1%', or None; got int\.$"),
    (lambda: mv.format_table("ab", [["x", "y"]]), TypeError,
     r"^header must be a list of column names \(strings\)"),
])
def test_bad_tables_say_what_to_give(call, error, message):
    with pytest.raises(error, match=message):
        call()
