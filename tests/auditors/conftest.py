import pytest


@pytest.fixture(autouse=True)
def _private_store(settings, tmp_path):
    """Documents go to a store of the test's own."""
    settings.FILES_ROOT = tmp_path / "private-files"
    settings.TIME_ZONE = "America/New_York"
