"""The committees app's private files (discovered by files.apps at start-up)."""

from files.registry import FileKind, register

CHARTER_DOCUMENT = "committees.charter"


def can_download_charter(user, version, as_of) -> bool:
    """Whoever reads the committee at any level: the charter is the committee's public rulebook."""
    from charter_portal.permissions import can_view_committee

    return can_view_committee(user, version.committee, as_of)


def charter_download_name(version) -> str:
    return f"charter-{version.committee.slug}-{version.effective_from:%Y-%m-%d}"


register(
    FileKind(
        key=CHARTER_DOCUMENT,
        label="charter document",
        model="committees.CharterVersion",
        field="document",
        types=("pdf",),
        can_download=can_download_charter,
        download_name=charter_download_name,
    )
)
