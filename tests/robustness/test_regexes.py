"""Every regex of the package against adversarial strings made of its own literals.

The patterns are collected from the code (:mod:`regexes`), so a new regex is tested without
anyone listing it.  Each pattern is called the way the code calls it (``fullmatch``/``match``
anchored, ``search`` for the scanning methods) on strings of 10^3 and then 10^4 characters
built from its own material (:func:`regexes.adversarial`), in a forked child with a time guard
(:mod:`guard`).  A pattern fails when a 10^3 call takes more than 0.2 s, a 10^4 call more than
1 s, or a 10^4 call over 0.1 s took more than 20 times its 10^3 call (super-linear).
The bounds are generous: the machine may be busy.

A pattern still known to be slow is a strict xfail named in :data:`KNOWN_SLOW` (the mark
fails, xpass, once the pattern is fixed, and must then be removed).  The usual cure for a
pattern that rescans a run of blanks or letters from each of its positions: let a match start
only at the run's start (a lookbehind such as ``(?<!\\s)``), or make the run possessive.
"""

from __future__ import annotations

import guard
import pytest
import regexes

SMALL, LARGE = 1_000, 10_000
SMALL_LIMIT, LARGE_LIMIT, GROWTH, GROWTH_FLOOR = 0.2, 1.0, 20.0, 0.1

#: Patterns known to be slow on hostile strings, each with the reason (none left: the
#: formula/linter ones of issue 12 class 2 were made linear).
KNOWN_SLOW: dict[str, str] = {}

#: re.* calls whose pattern is built at run time (not a literal): each was looked at; its
#: parts are module-level fragments tested here.  A new one must be added with a reason.
DYNAMIC = {
    "capaian/direction.py:_words": "word alternation of a vocabulary list (re.escape)",
    "catalog/importer.py:_guess_scale": "keyword alternation of a vocabulary list (re.escape)",
    "documents/numbers.py:<module>": "fragments _NUM/_UNIT/_QTY composed at import",
    "documents/segment.py:find": "header patterns compiled from module constants",
    "documents/segment.py:table_kind": "_METHOD_WORDS fragment, module level",
    "documents/units.py:_words_pattern": "word alternation of a vocabulary list (re.escape)",
    "formula/lalr.py:__init__": "the Lark grammar's terminals (tested from the grammar file)",
    "formula/normalise/draft.py:<module>": "formula branch: fragments composed at import",
    "formula/normalise/frames.py:<module>": "formula branch: fragments composed at import",
    "formula/normalise/frames.py:_separator": "\\s(?:words)\\s+: one blank, then a word",
    "formula/normalise/frames.py:split_assignment": "_NAME_BREAKING: verb/operator alternation",
    "formula/normalise/layout.py:<module>": "formula branch: fragments composed at import",
    "formula/normalise/legends.py:<module>": "formula branch: fragments composed at import",
    "formula/normalise/legends.py:split_definitions": "_SYMBOL line entry, match-anchored",
    "formula/normalise/legends.py:split_leading_definitions": "one re.escape'd symbol",
    "formula/normalise/marks.py:<module>": "formula branch: fragments composed at import",
    "formula/normalise/marks.py:mark_phrase_commas": "OPERATOR_WORDS after a comma, match",
    "formula/normalise/words.py:<module>": "formula branch: fragments composed at import",
    "sql/rowsql.py:value_clean": "_TOTAL_ROW: the text of documents.realisation._TOTAL_ROW",
    "linter/judge.py:_unit_side": "one re.escape'd word between word boundaries",
}

SPLIT = "issue 12 class 1/14: documents/numbers.py regexes, fixed once the split branch lands"
KNOWN_SLOW.update({
})

PATTERNS = regexes.all_patterns()


def _params() -> list[object]:
    out = []
    for found in PATTERNS:
        reason = KNOWN_SLOW.get(found.where)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(found, id=found.where, marks=marks))
    return out


def _calls(found: regexes.Found, size: int) -> list[guard.Call]:
    calls: list[guard.Call] = []
    for text in regexes.adversarial(found.pattern, size):
        for mode in regexes.mode_of(found):
            method = getattr(found.pattern, mode)
            calls.append((f"{mode} {text[:20]!r}…", size, lambda m=method, t=text: m(t)))
    return calls


def test_patterns_are_found() -> None:
    wheres = {found.where for found in PATTERNS}
    assert len(PATTERNS) > 150
    assert "indikator.documents.numbers._MISSING_DASH" in wheres
    assert any(w.startswith("grammar/") for w in wheres)


def test_the_sql_total_row_pattern_is_the_tested_one() -> None:
    """``sql/rowsql.py`` matches total rows with a copy of the numpy reader's pattern text (the
    SQL engines need the text); the copy is the compiled pattern tested here."""
    from indikator.documents.realisation import _TOTAL_ROW
    from indikator.sql import rowsql

    assert _TOTAL_ROW.pattern == rowsql._TOTAL_ROW


def test_every_dynamic_regex_is_known() -> None:
    unknown = sorted(set(regexes.dynamic_sites()) - set(DYNAMIC))
    assert not unknown, f"new re.* call with a computed pattern: {unknown}; add it to DYNAMIC"


def _suspects(timed: list[guard.Timed]) -> list[int]:
    out = []
    for pair in range(len(timed) // 2):
        before, after = timed[2 * pair], timed[2 * pair + 1]
        grew = after.cost / max(before.cost, 1e-4)
        if (before.failed or after.failed or before.cost > SMALL_LIMIT
                or (after.cost >= GROWTH_FLOOR and grew >= GROWTH)):
            out.append(pair)
    return out


@pytest.mark.parametrize("found", _params())
def test_regex_is_linear_on_its_own_material(found: regexes.Found) -> None:
    pairs = list(zip(_calls(found, SMALL), _calls(found, LARGE), strict=True))
    calls = [call for pair in pairs for call in pair]
    timed = guard.run_guarded(calls, limit=LARGE_LIMIT, stop_after=LARGE_LIMIT)
    suspects = [i for pair in _suspects(timed) for i in (2 * pair, 2 * pair + 1)]
    # measure again: only a pattern slow every time fails.  A known-slow pattern (a strict
    # xfail) is not measured again: load can make a call slow, never fast, so one slow run
    # already is the expected failure, and a fixed pattern still passes (and xpasses).
    if suspects and found.where not in KNOWN_SLOW:
        timed = guard.best_of(calls[:len(timed)], timed, suspects, limit=LARGE_LIMIT)
    for pair in _suspects(timed):
        before, after = timed[2 * pair], timed[2 * pair + 1]
        pytest.fail(f"{found.pattern.pattern[:80]!r}: {before.label} "
                    f"{before.cost:.4f} s CPU at 10^3 ({before.outcome}), "
                    f"{after.cost:.3f} s CPU at 10^4 ({after.outcome})")
