"""What the complaint tests share: the audit committee's complaints policy, a report saved
through the public form as a reporter sends it, and a report saved through the service."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from complaints import services
from complaints.forms import new_form_token
from complaints.models import ComplaintsPolicy


@pytest.fixture(autouse=True)
def _private_store(settings, tmp_path):
    settings.FILES_ROOT = tmp_path / "private-files"


@pytest.fixture
def policy(audit_committee):
    return ComplaintsPolicy.objects.create(committee=audit_committee)


@pytest.fixture
def new_case(policy):
    """(case, receipt) saved through the service."""

    def make(narrative="The Q3 revenue was booked early.", **kwargs):
        case, receipt, _ = services.case_submit(
            policy=policy,
            category=kwargs.pop("category", "accounting"),
            narrative=narrative,
            form_token=new_form_token(),
            **kwargs,
        )
        return case, receipt

    return make


def token_from(response) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)


def receipt_from(response) -> str:
    match = re.search(r'id="receipt">([^<]+)<', response.content.decode())
    return match.group(1) if match else ""


def submit(client: Client, lang="en", files=(), **fields):
    """Open the form and send it as a browser would; returns the response."""
    page = client.get(reverse("report:form") + f"?lang={lang}")
    data = {
        "form_token": token_from(page),
        "category": "accounting",
        "narrative": "Invoices were split to stay under the approval limit.",
        "lang": lang,
        **fields,
    }
    if files:
        data["files"] = list(files)
    return client.post(reverse("report:form") + f"?lang={lang}", data)
