"""The formula language: text → normalised text (:mod:`.normalise`, every change recorded as a
:class:`~.rewrite.Rewrite`) → Lark parse (:mod:`.grammar`, the fast driver in :mod:`.lalr`) →
AST (:mod:`.nodes`) → :class:`~.model.Formula` (:mod:`.parser`) → printing (:mod:`.printer`),
structure (:mod:`.analysis`) and vectorised evaluation (:mod:`.evaluator`; :mod:`.api` takes
text too).  Operator words come from ``definitions/vocabulary/operators.toml``
(:mod:`.operators`), abbreviations from ``abbreviations.toml`` (:mod:`.names`).

Reads no files but the grammar and the word lists, never imports pandas on the parse path, and
judges nothing: whether a formula is *right* is the linter's job.
"""
