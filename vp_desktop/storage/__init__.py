"""Storage: the encrypted journal file. Knows nothing of Qt."""
