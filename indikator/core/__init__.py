"""Foundations every stage shares: errors, the message catalogue (id/en), the vocabulary, data
paths.

Nothing here knows about formulas, capaian or tables; every other subpackage may import it and it
imports none of them.
"""
