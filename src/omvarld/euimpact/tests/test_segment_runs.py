"""Lists whose line breaks were lost, page furniture and decision summaries: built examples.

The real documents of each family are in ``test_segment_families.py`` (shared data); these
examples hold the same shapes when the shared data is absent.
"""

from __future__ import annotations

from omvarld.euimpact.segment import segment
from omvarld.euimpact.segment.normalise import mask
from omvarld.euimpact.tests.helpers import check_offsets


def test_furniture_is_blanked_with_every_offset_kept() -> None:
    text = (
        "Storlek: px\nStarta visningen från sidan:\nSave this PDF as:\n"
        "1 Val av justerare Länk till annan webbplats, öppnas i nytt fönster.\n"
    )
    masked = mask(text)
    assert len(masked) == len(text)
    assert masked.count("\n") == text.count("\n")
    assert "Storlek" not in masked
    assert "Save this PDF" not in masked
    assert "Länk till annan" not in masked
    assert "1 Val av justerare" in masked


def test_a_page_header_repeated_before_each_paragraph_is_blanked() -> None:
    page = "Kommunstyrelsen 2013-10-01 {n}(47) KS {p} {title} Kommunstyrelsen beslutar att {what}."
    text = "\n".join(
        page.format(n=n, p=258 + n, title=title, what=what)
        for n, title, what in [
            (1, "Val av justerare", "utse Bo Berg att justera dagens protokoll"),
            (2, "Godkännande av dagordning", "godkänna dagordningen med ett tillägg"),
            (3, "Taxa för avfall", "föreslå fullmäktige att anta den nya taxan"),
        ]
    )
    masked = mask(text)
    assert "2013-10-01" not in masked
    assert "KS 260 Godkännande av dagordning" in masked
    result = segment(text)
    assert [(i.number, i.title) for i in result.items] == [
        ("§ 259", "Val av justerare"),
        ("§ 260", "Godkännande av dagordning"),
        ("§ 261", "Taxa för avfall"),
    ]
    check_offsets(text, result)


RUN_ON = (
    "Kommunfullmäktige Sammanträdesdatum Ärendelista 10 Dnr Information om bredbandet "
    "11 Dnr Budgetuppföljning Dnr Taxa för avfall enligt renhållningsordningen 13 Dnr Motion om "
    "fler cykelvägar i centrum 14 Dnr Anmälningar"
)


def test_a_run_together_list_counts_the_titles_its_numbers_leave_out() -> None:
    result = segment(RUN_ON)
    assert result.family == "run-on"
    assert [(i.number, i.title) for i in result.items] == [
        ("10", "Information om bredbandet"),
        ("11", "Budgetuppföljning"),
        ("12", "Taxa för avfall enligt renhållningsordningen"),
        ("13", "Motion om fler cykelvägar i centrum"),
        ("14", "Anmälningar"),
    ]
    check_offsets(RUN_ON, result)


def test_titles_run_together_without_numbers_split_where_titles_start() -> None:
    text = (
        "Kallelse Ärendelista Fyllnadsval för kulturnämnden Information om badhuset "
        "Årsredovisning Överföring av resultat Detaljplan för Hagen 1:2, antagande "
        "Motion. Fler cykelvägar i centrum Interpellation. Sophämtningen i Norrby Frågor"
    )
    titles = [item.title for item in segment(text).items]
    assert titles == [
        "Fyllnadsval för kulturnämnden",
        "Information om badhuset",
        "Årsredovisning",
        "Överföring av resultat",
        "Detaljplan för Hagen 1:2, antagande",
        "Motion. Fler cykelvägar i centrum",
        "Interpellation. Sophämtningen i Norrby",
        "Frågor",
    ]


def test_presenters_times_and_appendix_marks_end_titles() -> None:
    text = (
        "Kallade Anna Berg, rektor Bo Ek, ekonom Cecilia Lund, förvaltningschef "
        "Föredragningslista Ärende/Föredragande 1 Upprop Dnr 2 Information om skolans "
        "lokaler Anna Berg 3 Ekonomisk uppföljning maj Bo Ek, kl 14.20 4 Taxor för "
        "lokaluthyrning /bilaga - Cecilia Lund 5 Avveckling av förskola Cecilia Lund"
    )
    assert [item.title for item in segment(text).items] == [
        "Upprop",
        "Information om skolans lokaler",
        "Ekonomisk uppföljning maj",
        "Taxor för lokaluthyrning",
        "Avveckling av förskola",
    ]


def test_contents_with_dot_leaders_and_page_numbers() -> None:
    text = (
        "2026-03-21 Ärendeförteckning Justering...2 Dagordning...3 215 Information från "
        "kommundirektören...4 216 Allmänhetens frågestund...5 217 Back 2 Basics forts "
        "verksamhet...6 218 Taxa inom miljöbalkens område (1998:808) från år 2027...7"
    )
    assert [item.title for item in segment(text).items] == [
        "Justering",
        "Dagordning",
        "Information från kommundirektören",
        "Allmänhetens frågestund",
        "Back 2 Basics forts verksamhet",
        "Taxa inom miljöbalkens område (1998:808) från år 2027",
    ]


def test_decision_summary_headings_and_not_the_page_furniture() -> None:
    text = (
        "Detta beslutade kommunfullmäktige den 27 augusti\n\n"
        "Kommunfullmäktige beslutade bland annat om en ny biblioteksplan.\n\n"
        "Antog en biblioteksplan för 2027–2030\n\n"
        "Planen omfattar folkbibliotek och skolbibliotek i hela kommunen.\n\n"
        "Revidera taxor för markupplåtelse\n\n"
        "Taxorna gäller från den 1 september och gör det lättare att driva uteservering.\n\n"
        "Se webbsändningen i efterhand\n\n"
        "Du kan se hela sammanträdet på kommunens webbplats i efterhand.\n"
    )
    result = segment(text)
    assert result.family == "summary"
    assert result.shape == "notice"
    assert [item.title for item in result.items] == [
        "Antog en biblioteksplan för 2027–2030",
        "Revidera taxor för markupplåtelse",
    ]
    check_offsets(text, result)


def test_an_officers_report_with_section_headings_stays_one_item() -> None:
    text = (
        "Tjänsteskrivelse om ny VA-taxa\n\nSammanfattning\n\n"
        "Förvaltningen föreslår en ny taxa för vatten och avlopp från den 1 januari.\n\n"
        "Förvaltningens bedömning\n\n"
        "Förvaltningen bedömer att taxan behöver höjas för att täcka kostnaderna.\n\n"
        "Ekonomiska konsekvenser\n\n"
        "Intäkterna ökar med cirka två miljoner kronor per år enligt beräkningen.\n"
    )
    result = segment(text)
    assert [item.title for item in result.items] == ["Tjänsteskrivelse om ny VA-taxa"]


def test_numbering_starts_again_under_section_headings() -> None:
    text = (
        "Dagordning\n\nMötets öppnande\n\nUpprop\n\n 1. Fastställande av föredragningslistan\n"
        " 2. Information om verksamheten\n\nÄrenden för behandling\n\n 1. Detaljplan för Byle\n"
        " 2. Riktlinjer för bidrag till vägar\n\nValärenden\n\n 1. Val av ledamot till "
        "beredningen\n\nRelaterad information\n"
    )
    assert [item.title for item in segment(text).items] == [
        "Mötets öppnande",
        "Upprop",
        "Fastställande av föredragningslistan",
        "Information om verksamheten",
        "Detaljplan för Byle",
        "Riktlinjer för bidrag till vägar",
        "Val av ledamot till beredningen",
    ]
