from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from omvarld.organisation.models import Body, Office

from .constants import Role


class LoginForm(AuthenticationForm):
    """The login form; its fields carry autocomplete hints for password managers."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class UserForm(forms.Form):
    """A user's address, name, role and memberships, as an administrator or coordinator sets
    them; the roles offered are those the person filling it in may give."""

    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The user signs in with it; the invitation is sent to it."),
    )
    first_name = forms.CharField(label=_("First name"), required=False, max_length=150)
    last_name = forms.CharField(label=_("Last name"), required=False, max_length=150)
    role = forms.ChoiceField(label=_("Role"))
    bodies = forms.ModelMultipleChoiceField(
        label=_("Bodies"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("An officer edits what belongs to these bodies."),
    )
    offices = forms.ModelMultipleChoiceField(
        label=_("Offices"),
        queryset=Office.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, roles: list[Role], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r.value, r.label) for r in roles]  # type: ignore[attr-defined]
        self.fields["bodies"].queryset = Body.objects.active_on().order_by("name")  # type: ignore[attr-defined]
        self.fields["offices"].queryset = Office.objects.active_on().order_by("name")  # type: ignore[attr-defined]
