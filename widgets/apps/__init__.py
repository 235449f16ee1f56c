"""Apps 应用: the six apps of the workbook, one module per notebook, on :mod:`.base`."""
