"""The editorial fixtures (roles, an editor and an approver logged in, the reports index with its
English locale synchronisation), shared with tests/editorial/ rather than copied."""

from tests.editorial.conftest import (  # noqa: F401
    approver,
    communications_user,
    direction_user,
    editor,
    report_index,
    roles,
)
