"""The auditor's kinds of private file (files/registry.py): engagement letters, policies, the
firm's descriptions of requested services and its written communications. Read by the audit
committee's members and the secretary."""

from auditors.access import can_download_record
from files.registry import FileKind, register

DOCUMENT_TYPES = ("pdf", "docx")

for key, label, model, field in (
    ("auditors.engagement_letter", "engagement letter", "auditors.Engagement", "letter"),
    ("auditors.policy", "pre-approval policy", "auditors.PreApprovalPolicy", "document"),
    (
        "auditors.request_document",
        "firm's description of a service",
        "auditors.ServiceRequest",
        "description_document",
    ),
    ("auditors.communication", "auditor communication", "auditors.Communication", "document"),
):
    register(
        FileKind(
            key=key,
            label=label,
            model=model,
            field=field,
            types=DOCUMENT_TYPES,
            can_download=can_download_record,
            download_name=lambda record, key=key: f"{key.split('.')[1]}-{record.pk}",
        )
    )
