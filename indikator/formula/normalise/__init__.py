"""Named pre-parse steps: turn formula text as documents print it into what the grammar reads.

The grammar (``grammar/indikator.lark``) reads one expression.  Documents wrap that expression
in things no context-free grammar should try to express: a ``Rumus:`` label, ``$…$``, the
indicator's name left of ``=``, ``Keterangan:`` symbol definitions, worked examples
(``= 61,4035%``), a second restatement of the formula, leading prose ("… adalah …"), verbal
frames ("perbandingan antara A dengan B", "Pembilang: A. Penyebut: B"), stacked fractions that
PDF extraction flattened into lines, and characters that belong to a name although they look
like operators (``SD/ Sederajat``, ``3 x imunisasi DPT``).  Each of these is one small named
function, run in the order of :data:`STEPS`; each can be tested alone.  The steps live in
:mod:`.layout` (layout recovery), :mod:`.legends` (labels, legends, worked examples),
:mod:`.frames` (verbal frames and prose) and :mod:`.marks` (token-level disambiguation), on the
:class:`~.draft.Draft` of :mod:`.draft`.

What this package does not do: it never guesses operators that are not written (a fraction bar
lost without trace stays lost), never evaluates anything, and never raises: text it cannot
improve passes through unchanged, and the parser reports what is wrong with it.

:func:`normalise` runs the steps and records, under each step's name, every change it made
(:attr:`Draft.rewrites`, which becomes ``Formula.rewrites``).
"""

from __future__ import annotations

from collections.abc import Callable

from indikator.formula.normalise.bars import strip_table_marks, unflatten_dash_bar
from indikator.formula.normalise.draft import Draft, fold
from indikator.formula.normalise.frames import (
    drop_connectives,
    drop_form_lead,
    drop_leading_percent_word,
    rate_per_frame,
    split_assignment,
    split_numerator_denominator,
    strip_leading_prose,
    strip_trailing_prose,
    verbal_ratio,
)
from indikator.formula.normalise.layout import (
    drop_empty_slots,
    fold_odd_spaces,
    join_wrapped_operators,
    split_sentences,
    strip_math_delimiters,
    unflatten_inline_fraction,
    unflatten_stacked_fraction,
    unflatten_worked_stack,
)
from indikator.formula.normalise.legends import (
    split_definitions,
    split_example_lines,
    split_leading_definitions,
    strip_label,
)
from indikator.formula.normalise.marks import (
    CAPAIAN_HYPHEN,
    GLUED_TIMES,
    join_spaced_ranges,
    mark_name_comparisons,
    mark_name_slash,
    mark_name_x,
    mark_phrase_commas,
    mark_relative_verbs,
    restore_lost_minus,
    separate_glued_times,
    split_capaian_hyphen,
    split_coefficients,
    strip_sum_bounds,
    times_word,
)
from indikator.formula.normalise.words import (
    MARKS,
    NAME_AMPERSAND,
    NAME_COMMA,
    NAME_D,
    NAME_D_UPPER,
    NAME_MINUS,
    NAME_PERCENT,
    NAME_SLASH,
    NAME_X,
    NAME_X_UPPER,
)

__all__ = [
    "CAPAIAN_HYPHEN",
    "GLUED_TIMES",
    "MARKS",
    "MOVING_STEPS",
    "NAME_AMPERSAND",
    "NAME_COMMA",
    "NAME_D",
    "NAME_D_UPPER",
    "NAME_MINUS",
    "NAME_PERCENT",
    "NAME_SLASH",
    "NAME_X",
    "NAME_X_UPPER",
    "STEPS",
    "Draft",
    "drop_connectives",
    "drop_empty_slots",
    "drop_form_lead",
    "drop_leading_percent_word",
    "fold",
    "fold_odd_spaces",
    "join_spaced_ranges",
    "join_wrapped_operators",
    "mark_name_comparisons",
    "mark_name_slash",
    "mark_name_x",
    "mark_phrase_commas",
    "mark_relative_verbs",
    "normalise",
    "rate_per_frame",
    "restore_lost_minus",
    "separate_glued_times",
    "split_assignment",
    "split_capaian_hyphen",
    "split_coefficients",
    "split_definitions",
    "split_example_lines",
    "split_leading_definitions",
    "split_numerator_denominator",
    "split_sentences",
    "strip_label",
    "strip_leading_prose",
    "strip_math_delimiters",
    "strip_sum_bounds",
    "strip_table_marks",
    "strip_trailing_prose",
    "times_word",
    "unflatten_dash_bar",
    "unflatten_inline_fraction",
    "unflatten_stacked_fraction",
    "unflatten_worked_stack",
    "verbal_ratio",
]

STEPS: tuple[Callable[[Draft], None], ...] = (
    fold_odd_spaces,
    strip_math_delimiters,
    strip_table_marks,
    split_leading_definitions,
    strip_label,
    mark_relative_verbs,
    unflatten_worked_stack,
    split_example_lines,
    split_definitions,
    join_wrapped_operators,
    unflatten_dash_bar,
    unflatten_stacked_fraction,
    drop_empty_slots,
    split_sentences,
    strip_trailing_prose,
    split_numerator_denominator,
    strip_leading_prose,
    split_assignment,
    verbal_ratio,
    rate_per_frame,
    drop_leading_percent_word,
    drop_connectives,
    drop_form_lead,
    unflatten_inline_fraction,
    restore_lost_minus,
    split_capaian_hyphen,
    strip_sum_bounds,
    times_word,
    separate_glued_times,
    join_spaced_ranges,
    mark_name_comparisons,
    split_coefficients,
    mark_name_x,
    mark_name_slash,
    mark_phrase_commas,
)
"""The steps, in the order they run."""

MOVING_STEPS: frozenset[str] = frozenset(
    {
        "split_leading_definitions", "split_example_lines", "split_definitions",
        "unflatten_worked_stack", "unflatten_stacked_fraction", "unflatten_dash_bar",
        "split_sentences",
        "split_assignment",
    }
)  # fmt: skip
"""Steps whose cut-off text goes to the name, the definitions or the examples (``move``)."""


def normalise(text: str) -> Draft:
    """Run every step of :data:`STEPS` over *text*; the draft holds the result and the
    rewrites each step made."""
    draft = Draft(text)
    for step in STEPS:
        draft.step = step.__name__
        draft.moving = draft.step in MOVING_STEPS
        step(draft)
    draft.step, draft.moving = "", False
    return draft
