"""EU monitoring reads initiatives with the knowledge base in the database, as the meetings'
analyses do: a coordinator's edit of a cue changes where the next routing sends an initiative."""

from __future__ import annotations

import pytest

from omvarld.eu_monitoring.models import Initiative
from omvarld.eu_monitoring.services import initiative_route
from omvarld.knowledge.models import Cue

# Written for the test: wells are no subject of the packaged cues, and the initiative has no
# areas of its own, so only the text can route it.
TITLE = "Förslag om kommunala brunnar för bevattning"


@pytest.mark.usefixtures("full_knowledge")
def test_an_edited_cue_changes_the_next_routing(organisation):
    initiative = Initiative.objects.create(title_sv=TITLE, stage="proposal")
    before = {r.body.short_name for r in initiative_route(initiative=initiative)}
    assert "NODRA" not in before

    cue = Cue.objects.get(key="drinking-water")
    cue.pattern += "|brunnar"
    cue.save()

    after = {r.body.short_name for r in initiative_route(initiative=initiative)}
    # Nodra is the company for water and sewage: the cue's area water_sewage is one of its two.
    assert "NODRA" in after
