import datetime

import pytest
import time_machine

NOW = datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC)


@pytest.fixture
def frozen(db, settings, tmp_path):
    """The clock on NOW and the private store in a temporary folder (the demo writes files)."""
    settings.FILES_ROOT = tmp_path / "private-files"
    with time_machine.travel(NOW, tick=False):
        yield
