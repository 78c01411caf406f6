"""Property-based verification of indicator definitions: hypothesis strategies and the standard
properties (capaian 100 when R = T, direction, 0–100, no division by zero).

The only subpackage that imports hypothesis, and only when used.
"""
