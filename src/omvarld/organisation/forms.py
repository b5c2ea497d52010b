from __future__ import annotations

from django import forms

from .models import Body


class BodyProfileForm(forms.ModelForm[Body]):
    """What an officer of a body may change about it: its description and contact address.
    Structure (name, kind, active dates) belongs to administrators and coordinators."""

    class Meta:
        model = Body
        fields = ["description", "contact_email"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
