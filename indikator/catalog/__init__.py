"""Indicator catalogues: TOML definitions of indicators (name, formula, satuan, direction, targets).

Loads, validates and writes them (:mod:`.loader`) and makes them from the tables of a document,
listing every guess (:mod:`.importer`); computes nothing.
"""
