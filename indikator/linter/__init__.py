"""Judging formulas and data: inverted ratios, tautologies, ×100 misplaced, unit and name checks.

Works on parsed formulas (:mod:`indikator.formula`) and the word lists of the vocabulary; never
imports pandas and computes no capaian.
Rule codes are data in :mod:`.codes`.
"""
