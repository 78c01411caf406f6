"""The capaian pipeline over a realisation table: read → match the catalogue → capaian → rating →
audit → result rows.

Orchestrates the stages below it; writes no files and formats nothing for people.
"""
