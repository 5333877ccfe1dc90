"""Québec French dates and numbers (Django's fr_CA)."""

from config.formats import canadian_formats

globals().update(canadian_formats("fr_CA"))
