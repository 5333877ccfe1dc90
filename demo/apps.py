from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demonstration content (`load_demo_site`, `load_demo_report`): nothing imports it."""

    name = "demo"
