"""PDF rendering with reportlab, into memory only. No Qt, no SQL."""
