"""Management commands run as in a terminal, their output kept for the test to read."""

from io import StringIO
from types import SimpleNamespace

from django.core.management import call_command


def run_command(command):
    """A management command's output and errors, as text."""
    output, errors = StringIO(), StringIO()
    call_command(command, stdout=output, stderr=errors)
    return SimpleNamespace(output=output.getvalue(), errors=errors.getvalue())
