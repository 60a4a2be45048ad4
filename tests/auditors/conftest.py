import pytest


@pytest.fixture(autouse=True)
def _private_store(settings, tmp_path):
    """Documents go to a store of the test's own."""
    settings.FILES_ROOT = tmp_path / "private-files"
    settings.TIME_ZONE = "America/New_York"


@pytest.fixture
def committee(audit_committee, chair, member):
    """The audit committee with three qualified members: a chair and two members."""
    from tests import factories as f

    f.seat_qualified_member(audit_committee, full_name="Dana Third")
    return audit_committee
