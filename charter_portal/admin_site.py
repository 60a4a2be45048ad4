"""The administration site, with its index grouped by what the secretary does (issue 8): the
roster, the directors' facts, the board's determinations, the committee's duties, the deadlines
and the accounts, instead of one list per Django app. The addresses stay Django's own
(/admin/<app>/<model>/), and an app's own index page (/admin/committees/) is unchanged."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

# (slug, heading, (app label, model name) in the order the secretary meets them)
GROUPS = (
    (
        "roster",
        "Roster: the company, its committees and who sits on them",
        (
            ("committees", "companyprofile"),
            ("committees", "committee"),
            ("committees", "charterversion"),
            ("committees", "membership"),
            ("committees", "director"),
        ),
    ),
    (
        "facts",
        "Directors' facts (what independence rests on)",
        (
            ("committees", "familymember"),
            ("committees", "employment"),
            ("committees", "compensation"),
            ("committees", "businessrelationship"),
            ("committees", "organisationpayment"),
            ("committees", "compensationinterlock"),
            ("committees", "auditorrelationship"),
            ("committees", "financialstatementpreparation"),
        ),
    ),
    (
        "determinations",
        "Determinations: the board's findings, cure periods and notices to the exchange",
        (
            ("committees", "independencedetermination"),
            ("committees", "literacydetermination"),
            ("committees", "sophisticationdetermination"),
            ("committees", "financialexpertdetermination"),
            ("committees", "exceptiondetermination"),
            ("committees", "cureperiod"),
            ("committees", "noncomplianceepisode"),
            ("committees", "exchangenotice"),
        ),
    ),
    (
        "duties",
        "Duties: charter reviews, self-evaluations and advisors",
        (
            ("committees", "charterreview"),
            ("committees", "questionnaire"),
            ("committees", "advisorengagement"),
        ),
    ),
    (
        "complaints",
        "Complaints: the policy, case numbers and dates (never contents), summaries, purges",
        (
            ("complaints", "complaintspolicy"),
            ("complaints", "case"),
            ("complaints", "quarterlysummary"),
            ("complaints", "procedurereview"),
            ("complaints", "purgerecord"),
        ),
    ),
    (
        "meetings",
        "Meetings: agendas, attendance, minutes and reports to the board",
        (
            ("meetings", "meeting"),
            ("meetings", "agendaitem"),
            ("meetings", "material"),
            ("meetings", "minutes"),
            ("meetings", "actionitem"),
            ("meetings", "boardreport"),
        ),
    ),
    (
        "auditor",
        "The auditor: engagements, fees, pre-approvals, partners and communications",
        (
            ("auditors", "auditfirm"),
            ("auditors", "engagement"),
            ("auditors", "auditpartner"),
            ("auditors", "partnerassignment"),
            ("auditors", "preapprovalpolicy"),
            ("auditors", "policyline"),
            ("auditors", "delegation"),
            ("auditors", "servicerequest"),
            ("auditors", "fee"),
            ("auditors", "communication"),
            ("auditors", "as1301item"),
            ("auditors", "statementsreview"),
            ("auditors", "committeereport"),
            ("auditors", "formerstaffhire"),
        ),
    ),
    (
        "deadlines",
        "Deadlines: occurrences, waivers and the outbox",
        (
            ("deadlines", "occurrence"),
            ("deadlines", "waiver"),
            ("deadlines", "reminder"),
        ),
    ),
    (
        "accounts",
        "Accounts: logins, roles and second factors",
        (
            ("charter_portal", "user"),
            ("auth", "group"),
            ("otp_totp", "totpdevice"),
            ("otp_static", "staticdevice"),
            ("axes", "accessattempt"),
            ("axes", "accesslog"),
            ("axes", "accessfailurelog"),
        ),
    ),
)


class PortalAdminSite(admin.AdminSite):
    site_header = "Charter Portal administration"
    site_title = "Charter Portal"
    index_title = "Corporate secretary"

    def get_app_list(self, request, app_label=None):
        """The index and the side navigation in the secretary's groups; a model the user may
        not see is left out (Django's own permission checks build the rows), and a group with
        nothing left is not shown. A model no group names goes under "Other"."""
        if app_label is not None:
            return super().get_app_list(request, app_label)
        rows = {
            (label, model["object_name"].lower()): model
            for label, app in self._build_app_dict(request).items()
            for model in app["models"]
        }
        groups = []
        for slug, heading, keys in GROUPS:
            models = [rows.pop(key) for key in keys if key in rows]
            if models:
                groups.append(_group(slug, heading, models))
        if rows:
            rest = sorted(rows.values(), key=lambda model: model["name"].lower())
            groups.append(_group("other", "Other", rest))
        return groups


def _group(slug: str, heading: str, models: list) -> dict:
    return {
        "name": heading,
        "app_label": slug,
        "app_url": "",
        "has_module_perms": True,
        "models": models,
        "is_group": True,
    }


class PortalAdminConfig(AdminConfig):
    default_site = "charter_portal.admin_site.PortalAdminSite"
