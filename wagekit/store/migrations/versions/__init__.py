"""One module per revision of the workspace store's tables."""
