"""Money as the auditor's records keep it."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

# A fee above this is a typing mistake, not a fee (the largest audits cost a few hundred million).
LARGEST_FEE = Decimal("10000000000")
MONEY_VALIDATORS = [
    MinValueValidator(Decimal("0"), message="A fee cannot be negative."),
    MaxValueValidator(LARGEST_FEE, message="That amount is not a plausible fee; check the digits."),
]


def money_field(verbose_name: str, **kwargs) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=14, decimal_places=2, validators=MONEY_VALIDATORS, **kwargs
    )
