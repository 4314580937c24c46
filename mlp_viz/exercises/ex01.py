"""Exercises of notebook 01 (layers and neurons)."""

from . import compare_number, exercise


@exercise("01.1", "input neurons for a colour image", solution="""
# One input neuron per number the sample is made of: every pixel of every colour channel.
answer = 64 * 64 * 3
""")
def _(answer):
    ok, message = compare_number(answer, 64 * 64 * 3, name="the number of input neurons")
    if ok:
        return True, "one input neuron per pixel and colour channel: 64 · 64 · 3 = 12288."
    return False, message + " Count one neuron for every pixel of every colour channel."
