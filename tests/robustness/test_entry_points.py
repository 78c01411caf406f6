"""Every public entry point fed adversarial shapes, under a per-call time guard.

Shapes (:mod:`shapes`): every operator, separator and keyword the package knows, repeated to
10^3 and 10^4 characters.  Each call runs in a forked child (:mod:`guard`); a test fails when
a call crashes (an exception that is not the package's own error), exceeds the generous
bound, or grows super-linearly (a 10^4 call over 0.5 s of CPU that took more than 40 times the
CPU of its 10^3 call: :attr:`guard.Timed.cost`).  The linter sees every token; parse and eval (a
subset of what lint runs) and the file readers (whose cells go to the same readers) see the
separators, the operators and a deterministic sample of the words.  ``parse`` and ``csv-cells``
are not run on their own here: each of their calls is the first step of an ``eval``/``lint`` or
``compute`` call on the same text (:data:`COVERED_BY`); the benchmark times them separately.

Shapes that reach ``formula/`` or ``linter/`` and are still slow are strict xfails, named in
:data:`KNOWN_SLOW` (issue 12 class 2, fixed on the formula branch).
"""

from __future__ import annotations

import contextlib

import guard
import pytest
import shapes

SMALL, LARGE = 1_000, 10_000
BOUND, GROWTH, GROWTH_FLOOR = 2.0, 40.0, 0.5
CHUNK = 40
CLASS_2 = "issue 12 class 2: quadratic normalisation/judging, fixed on the formula branch"

#: (entry point, shape label) → reason, for shapes known to be slow in formula/ or linter/.
KNOWN_SLOW: dict[tuple[str, str], str] = {}
SLOW_LABEL = "\x00known-slow:"


def _tokens_for(entry: str) -> list[str]:
    everything = list(shapes.tokens())
    if entry == "lint":
        return everything
    operators = [t for t in everything if not shapes._WORDS.fullmatch(t)]
    words = [t for t in everything if shapes._WORDS.fullmatch(t)]
    return list(dict.fromkeys(list(shapes.SEPARATORS) + operators[::3] + words[::10]))


def _shapes_of(token: str, size: int) -> list[tuple[str, str]]:
    """The token's shapes (:func:`shapes.variants`) at *size* characters."""
    return [(label, shapes.repeated(unit, size)) for label, unit in shapes.variants(token)]


#: Entry points whose every call is the first step of another entry point's call on the same
#: text (a slow or crashing call shows there), left to the benchmark to time on their own.
COVERED_BY: dict[str, str] = {
    "parse": "eval (parse, then evaluate) and lint (parse, then the rules) on the same text",
    "csv-cells": "compute (read_realisation of the same CSV file, then compute)",
}


def _cases() -> list[object]:
    out = []
    for entry in shapes.ENTRY_POINTS:
        if entry in COVERED_BY:
            continue
        chosen = _tokens_for(entry)
        plain = [t for t in chosen
                 if not any((entry, label) in KNOWN_SLOW for label, _ in _shapes_of(t, 1))]
        for start in range(0, len(plain), CHUNK):
            out.append(pytest.param(entry, tuple(plain[start:start + CHUNK]),
                                    id=f"{entry}-{start // CHUNK}"))
    for (entry, label), reason in KNOWN_SLOW.items():
        out.append(pytest.param(entry, (SLOW_LABEL + label,), id=f"{entry}-slow-{label}",
                                marks=pytest.mark.xfail(strict=True, reason=reason)))
    return out


def test_covered_entry_points_are_first_steps_of_their_cover() -> None:
    """The shortcut above stays true: the covering entry points call the covered reader."""
    import inspect

    assert "_parse(text)" in inspect.getsource(shapes._eval)
    assert "indikator.lint(text" in inspect.getsource(shapes._lint)
    compute_source = inspect.getsource(shapes._compute)
    assert 'read_realisation(_write("t.csv", _csv_cells(text)))' in compute_source
    assert 'read_realisation(_write("t.csv", _csv_cells(text)))' in inspect.getsource(shapes._csv)


def _warm_up() -> None:
    """Import everything in the parent, so each forked child starts warm."""
    shapes.clean_environment()
    for function in shapes.ENTRY_POINTS.values():
        with contextlib.suppress(Exception):  # the warm-up only imports
            function("Jumlah A / Jumlah B x 100")


_warm_up()


def _flagged(timed: list[guard.Timed]) -> list[int]:
    """Indices of the (10^3, 10^4) pairs that look slow: a failure or super-linear growth."""
    out = []
    for pair in range(len(timed) // 2):
        before, after = timed[2 * pair], timed[2 * pair + 1]
        grew = after.cost / max(before.cost, 1e-3)
        if before.failed or after.failed or (after.cost >= GROWTH_FLOOR and grew >= GROWTH):
            out.append(pair)
    return out


def _check(entry: str, calls: list[guard.Call], timed: list[guard.Timed]) -> None:
    suspects = [i for pair in _flagged(timed) for i in (2 * pair, 2 * pair + 1)
                if not timed[i].outcome.startswith("crash")]
    if suspects:  # measure again: only a shape that is slow every time fails
        timed = guard.best_of(calls[:len(timed)], timed, suspects, limit=BOUND)
    problems = []
    for pair in _flagged(timed):
        before, after = timed[2 * pair], timed[2 * pair + 1]
        bad = [run for run in (before, after) if run.failed]
        if bad:
            problems.append(f"{entry} {bad[0].label} at {bad[0].size}: {bad[0].outcome}")
        else:
            grew = after.cost / max(before.cost, 1e-3)
            problems.append(f"{entry} {after.label}: ×{grew:.0f}"
                            f" from 10^3 to 10^4 characters ({before.cost:.3f} s → "
                            f"{after.cost:.3f} s CPU; wall {before.seconds:.3f} s → "
                            f"{after.seconds:.3f} s)")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("entry", "chosen"), _cases())
def test_entry_point_is_fast_on_hostile_shapes(entry: str, chosen: tuple[str, ...]) -> None:
    function = shapes.ENTRY_POINTS[entry]
    calls: list[guard.Call] = []
    for token in chosen:
        if token.startswith(SLOW_LABEL):  # a known-slow shape, given by its label
            token = eval_label(token[len(SLOW_LABEL):])
        for (label, small), (_, large) in zip(_shapes_of(token, SMALL),
                                              _shapes_of(token, LARGE), strict=True):
            calls.append((label, SMALL, lambda f=function, t=small: f(t)))
            calls.append((label, LARGE, lambda f=function, t=large: f(t)))
    _check(entry, calls, guard.run_guarded(calls, limit=BOUND, stop_after=BOUND))


def eval_label(label: str) -> str:
    """The token of a shape label (``"'x'*"`` → ``x``)."""
    import ast

    return str(ast.literal_eval(label.rstrip(" *")))
