import calendar

from django.contrib import admin

from committees.admin.base import KeptForever, SecretaryAdmin
from committees.models import CompanyProfile


@admin.register(CompanyProfile)
class CompanyProfileAdmin(KeptForever, SecretaryAdmin):
    """One company per installation: no second profile can be added."""

    list_display = ("legal_name", "ticker", "exchange", "fiscal_year_end", "next_annual_meeting")

    @admin.display(description="fiscal year ends")
    def fiscal_year_end(self, obj):
        return f"{obj.fiscal_year_end_day} {calendar.month_name[obj.fiscal_year_end_month]}"

    def has_add_permission(self, request):
        return not CompanyProfile.objects.exists() and super().has_add_permission(request)
