"""English dates and numbers as written in Canada (Django's en_CA)."""

from config.formats import canadian_formats

globals().update(canadian_formats("en_CA"))
