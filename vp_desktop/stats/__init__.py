"""Yearly anonymised statistics (jaarverslag): plain functions over domain objects."""
