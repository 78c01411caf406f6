"""What a person reads: the LKjIP workbook, charts, narrative, band colours and the demo bundle.

Takes computed results; computes no capaian of its own.
"""
