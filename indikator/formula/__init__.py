"""The formula language: text → normalised text → Lark parse → AST (:mod:`.nodes`) → printing,
structure (:mod:`.analysis`) and vectorised evaluation (:mod:`.evaluator`).

Reads no files but the grammar, never imports pandas on the parse path, and judges nothing:
whether a formula is *right* is the linter's job.
"""
