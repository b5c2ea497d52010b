"""The exchange pages as each role sees them, and what each role cannot do."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_answers_a_reader(client, users, trip, bodies):
    client.force_login(users["reader"])
    event = trip["event"]
    for url in (
        reverse("exchange:calendar"),
        reverse("exchange:event_list"),
        reverse("exchange:event_detail", kwargs={"pk": event.pk}),
        reverse("exchange:report_detail", kwargs={"pk": event.pk}),
        reverse("exchange:report_history", kwargs={"pk": event.pk}),
        reverse("exchange:action_list"),
        reverse("exchange:action_detail", kwargs={"pk": trip["action"].pk}),
        reverse("exchange:knowledge"),
        reverse("exchange:costs"),
        reverse("exchange:body_page", kwargs={"body_id": bodies["mn"].pk}),
        reverse("exchange:my_page"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
