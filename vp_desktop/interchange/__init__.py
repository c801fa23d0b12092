"""Moving journal data in and out: the import format and fictitious demo data."""
