"""How the admin tells editors when something happened: “7 décembre 2026 à 15 h 03”."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def date_at_time(moment):
    """The day and the time of `moment`, in the active language and the site's time zone."""
    local = timezone.localtime(moment)
    return _("%(date)s at %(time)s") % {
        "date": date_format(local, "DATE_FORMAT"),
        "time": date_format(local, "TIME_FORMAT"),
    }
