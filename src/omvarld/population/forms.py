"""Forms of the population pages: the file to import, and the country list's filter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .constants import MAX_UPLOAD_BYTES, CountryGroup


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File from SCB's API (JSON-stat 2.0)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "What SCB's PxWebApi 2.0 answers for a table's data or metadata with "
            "outputFormat=json-stat2, saved as it came. At most %(limit)d MB."
        ) % {"limit": MAX_UPLOAD_BYTES // 2**20}
        self.fields["file"].widget.attrs["accept"] = ".json,application/json"


class CountryFilterForm(forms.Form):
    group = forms.ChoiceField(
        label=_("Group"),
        required=False,
        choices=[("", _("All groups")), *CountryGroup.choices],
    )

    def group_or_none(self) -> str | None:
        """The chosen group, or None when none (or an unknown one) was asked for."""
        if not self.is_bound or not self.is_valid():
            return None
        return self.cleaned_data.get("group") or None
