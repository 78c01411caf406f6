"""Reading what documents print: Indonesian numbers, tables in extracted text, realisation tables.

Every cell is either read into its own column or reported unread with its location; nothing here
computes capaian or judges formulas.
"""
