"""The public API: everything in __all__ exists and is documented (numpydoc)."""

import inspect

import pytest

import mlp_viz as mv


def public_callables():
    for name in mv.__all__:
        obj = getattr(mv, name)
        if inspect.isfunction(obj):
            yield name, obj
        elif inspect.isclass(obj):
            yield name, obj
            for attr, member in vars(obj).items():
                if attr.startswith("_"):
                    continue
                func = member.__func__ if isinstance(member, (classmethod, staticmethod)) \
                    else member
                if inspect.isfunction(func):
                    yield f"{name}.{attr}", func


CALLABLES = list(public_callables())


def test_all_names_exist():
    missing = [name for name in mv.__all__ if not hasattr(mv, name)]
    assert not missing


@pytest.mark.parametrize("name, obj", CALLABLES, ids=[n for n, _ in CALLABLES])
def test_numpydoc_docstring(name, obj):
    doc = inspect.getdoc(obj)
    assert doc, f"{name} has no docstring"
    assert doc.splitlines()[0].strip(), f"{name}'s docstring does not start with a summary"
    if inspect.isclass(obj):
        return
    params = [p for p in inspect.signature(obj).parameters if p not in ("self", "cls")]
    if params:
        assert "Parameters\n----------" in doc, f"{name} takes {params} but has no Parameters"
        for p in params:
            assert p in doc.split("Parameters\n----------")[1], f"{name} does not describe {p}"


def test_the_four_names_the_issue_asks_for():
    for name in ("MLP", "train", "gradient_check", "History"):
        assert name in mv.__all__
    sig = inspect.signature(mv.train)
    assert list(sig.parameters)[:3] == ["net", "X", "y"]
    for kw in ("lr", "epochs", "batch_size", "loss", "dropout", "momentum", "seed", "X_val",
               "y_val"):
        assert sig.parameters[kw].kind is inspect.Parameter.KEYWORD_ONLY
    assert str(inspect.signature(mv.MLP)).startswith(
        "(layer_sizes, activation='relu', output_activation='identity', init='he', seed=None")
