"""Calls reach the bodies they concern: hand-written calls with known right bodies, the same
scores as the EU initiatives' routing, and the reasons in Swedish."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from omvarld.euimpact.knowledge import load_knowledge
from omvarld.funding import matching
from omvarld.funding.constants import CallSource, MatchStatus
from omvarld.funding.models import Call, CallMatch, Programme
from omvarld.funding.services import call_match, match_add, match_set_status
from omvarld.organisation.matching import MIN_SCORE


def _call(code: str | None, title: str, description: str = "", **extra) -> Call:
    programme = Programme.objects.get(code=code) if code else None
    call = Call.objects.create(
        title=title,
        description=description,
        programme=programme,
        source=extra.pop("source", CallSource.PORTAL),
        opens=dt.date(2027, 1, 1),
        deadline=dt.date(2027, 3, 1),
        **extra,
    )
    return call


def _matched(call: Call) -> list[str]:
    call_match(call=call)
    return sorted(m.body.short_name for m in CallMatch.objects.filter(call=call))


# Each call, written by hand, and the bodies that should get it: the committee whose core area
# it is, and the executive board where the area is one of its own.
KNOWN = [
    ("cerv", "Town-Twinning", "Citizens of twinned towns meet.", ["KF", "KS"]),
    (
        "erasmus-plus",
        "Partnerships for innovation in school education",
        "Schools and teachers work with local authorities.",
        ["UN"],
    ),
    (
        "life",
        "Circular economy and quality of life",
        "Waste prevention and recycling in municipalities.",
        ["NODRA"],
    ),
    (
        "amif",
        "Integration of third-country nationals",
        "Local integration of migrants and refugees.",
        ["KS", "SocN", "UN"],
    ),
    ("creative-europe", "European cooperation projects", "Cultural heritage and museums.", ["KFN"]),
    ("digital-europe", "Artificial intelligence for public administrations", "", ["KS"]),
    (
        "esf-plus",
        "Kompetensförsörjning och arbetsmarknad för unga",
        "Insatser för unga arbetslösa.",
        ["KS", "UN"],
    ),
]


@pytest.mark.parametrize(("programme", "title", "description", "right"), KNOWN)
def test_hand_written_calls_reach_the_right_bodies(bodies, programme, title, description, right):
    # ESF+ calls come from the Swedish ESF Council, not the portal: entered by hand, in Swedish.
    source = CallSource.MANUAL if programme == "esf-plus" else CallSource.PORTAL
    assert _matched(_call(programme, title, description, source=source)) == right


def test_the_programme_alone_suggests_nobody(bodies):
    # Horizon Europe's areas (business, climate) weigh too little on their own.
    assert _matched(_call("horizon-europe", "Quantum sensing of grain boundaries")) == []


def test_a_call_of_a_programme_the_platform_does_not_list_reaches_nobody(bodies):
    assert _matched(_call(None, "Schools and teachers: vocational education")) == []
    # The same call entered by hand (from another source) is matched.
    manual = _call(None, "Schools and teachers: vocational education", source=CallSource.MANUAL)
    assert _matched(manual) == ["UN"]


def test_areas_set_by_hand_are_the_strongest_signal(bodies):
    from omvarld.knowledge.models import PolicyArea

    call = _call("horizon-europe", "Quantum sensing of grain boundaries")
    call.areas.set([PolicyArea.objects.get(code="water_sewage")])
    assert _matched(call) == ["NODRA"]
    match = CallMatch.objects.get(call=call)
    assert match.score == 1.0
    assert match.reasons[0] == {
        "source": "area",
        "area": "water_sewage",
        "text": "Utlysningen gäller området Vatten och avlopp.",
    }


def test_the_reasons_name_the_programme_and_the_words_found(bodies):
    call = _call("erasmus-plus", "Partnerships for innovation in school education")
    call_match(call=call)
    texts = [r["text"] for r in CallMatch.objects.get(call=call).reasons]
    assert texts == [
        "Utlysningen nämner ”school education”, som hör till området Utbildning.",
        "Programmet Erasmus+ 2021–2027 finansierar området Utbildning.",
    ]


def test_matching_twice_changes_nothing_and_keeps_what_officers_did(bodies, people):
    call = _call("amif", "Integration of third-country nationals", "Local integration of migrants.")
    call_match(call=call)
    un = CallMatch.objects.get(call=call, body__short_name="UN")
    match_set_status(match=un, user=people["officer"], status=MatchStatus.RELEVANT)
    before = list(CallMatch.objects.order_by("pk").values())
    history = CallMatch.history.count()
    call_match(call=call)
    assert list(CallMatch.objects.order_by("pk").values()) == before
    assert CallMatch.history.count() == history
    # The call turns out to be about something else: the untouched suggestions go, the judged
    # one stays with score 0, a body added by hand stays.
    match_add(call=call, body=bodies["KFN"], user=people["coordinator"])
    call.title, call.description = "Quantum sensing", ""
    call.programme = Programme.objects.get(code="horizon-europe")
    call.save()
    call_match(call=call)
    left = {m.body.short_name: m for m in CallMatch.objects.filter(call=call)}
    assert set(left) == {"UN", "KFN"}
    assert (left["UN"].score, left["UN"].status) == (0.0, MatchStatus.RELEVANT)
    assert left["KFN"].reasons == [
        {"source": "manual", "area": "", "text": "Tillagd för hand av en samordnare."}
    ]


def test_terms_weigh_more_in_the_title_than_in_the_text():
    in_title = matching.term_signals(title="Support to schools", text="")
    assert [(s.area, s.weight) for s in in_title] == [("education", matching.WEIGHT_TERM_TITLE)]
    in_text = matching.term_signals(title="Support", text="schools")
    assert [(s.area, s.weight) for s in in_text] == [("education", matching.WEIGHT_TERM_TEXT)]
    assert matching.WEIGHT_TERM_TEXT < MIN_SCORE <= matching.WEIGHT_TERM_TITLE
    # One word found twice counts once.
    twice = matching.term_signals(title="schools", text="schools, schools")
    assert len(twice) == 1


def test_the_shipped_terms_name_only_policy_areas_and_compile():
    from omvarld.euimpact.model import AREA_SET

    terms = matching.call_terms()
    assert len(terms) == 20
    assert {t.area for t in terms} <= AREA_SET
    assert len({t.area for t in terms}) == 20, "one line per area"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"terms": [{"area": "space", "pattern": "x"}]}, "not a policy area"),
        ({"terms": [{"area": "waste", "pattern": "(unclosed"}]}, "pattern of waste"),
    ],
)
def test_a_bad_term_is_refused(data, message):
    with pytest.raises(ValueError, match=message):
        matching.parse_terms(yaml.safe_load(yaml.safe_dump(data)))


def test_the_engine_reads_swedish_text_only(bodies):
    swedish = matching.CallText(title="Minska matsvinnet i skolmåltiderna", swedish=True)
    assert "text" in {s.source for s in matching.call_signals(swedish, load_knowledge())}
    # The portal's English title is not read by the Swedish lexicon ("innovation" is a Swedish
    # word too), its Swedish title given by hand is.
    english = matching.CallText(title="Partnerships for innovation in schools")
    assert "text" not in {s.source for s in matching.call_signals(english, load_knowledge())}
    named = matching.CallText(title="Partnerships for innovation", title_sv="Matsvinn i skolan")
    assert "text" in {s.source for s in matching.call_signals(named, load_knowledge())}
