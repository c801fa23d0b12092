"""The domain: what a vertrouwenspersoon records. Knows nothing of Qt or SQL."""
