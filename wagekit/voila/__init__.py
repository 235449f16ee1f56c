"""The workbook under Voila: its settings (``voila.json``), page templates and server plumbing."""
