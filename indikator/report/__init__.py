"""What a person reads: the LKjIP workbook, charts, narrative, band colours, and the demo
walk-through (:mod:`.demo`, which runs the library's stages on the bundled example).

Takes computed results; computes no capaian of its own.
"""
