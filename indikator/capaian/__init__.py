"""Capaian (achievement) from target and realisation: the methods, direction, the audit of printed
values and end-of-period figures.

Pure numbers in, numbers and reasons out: reads no input files (only its word list, the
direction vocabulary) and rates nothing.
"""
