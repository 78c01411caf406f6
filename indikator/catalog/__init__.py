"""Indicator catalogues: TOML definitions of indicators (name, formula, satuan, direction, targets).

Loads and validates; computes nothing.
"""
