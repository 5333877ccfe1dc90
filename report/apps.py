from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportConfig(AppConfig):
    name = "report"
    verbose_name = _("Annual reports")

    def ready(self):
        from report import workflow

        workflow.connect()
