"""The kind of an agenda item (codebook, DOMAIN.md §3) from the words of its title.

Swedish agendas put an item's type at the start of its title ("Motion av …", "Val av …",
"Anmälan av delegationsbeslut"), or after a quoted title ('"Titel" - svar på motion av …').
Only the first ``MAX_TITLE`` characters are read, and every repetition in the rules is
bounded, so no title makes a rule backtrack over a long word (issue 9).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from omvarld.euimpact.model import Kind

__all__ = ["MAX_TITLE", "PROCEDURAL", "clean_title", "item_kind"]

# A title longer than this is text that lost its line breaks: only its start is read, so no
# pattern ever scans a megabyte (issue 9).
MAX_TITLE = 1_000

# Leading numbering and furniture that agenda and minutes formats put before the title.
_LEAD = re.compile(
    r"^(?:\s|[•\-–—*·]|§\s*\d+[a-z]?\b|\d{1,3}[.):]\s|\d{1,3}\s+(?=[A-ZÅÄÖ])|[a-z]\)\s|[a-z]\s{2,}"
    r"|ärende\s*\d+\s*[:.]?|punkt\s*\d+\s*[:.]?|dnr\s*[\w /.-]*?\d{4}[/-]\d+\S*)+",
    re.IGNORECASE,
)

# Procedural words before the title that do not change what the item is.
PROCEDURAL = re.compile(
    r"^(?:bordlagd|bordlagt|bordlagda|återremitterad|återremitterat|återremitterade|"
    r"återremiss|fortsatt behandling av|fortsatt|ajournerad|uppskjuten|nytt beslut om|"
    r"ärende om)\s+",
)


@dataclass(frozen=True, slots=True)
class _KindRule:
    """Words that tell an item's kind: at the title's start (``start``, matched at position
    0), or anywhere (``anywhere``, searched only when one of ``keys`` occurs, which keeps the
    common case to a few substring tests)."""

    kind: str
    start: re.Pattern[str]
    keys: tuple[str, ...] = ()
    anywhere: re.Pattern[str] | None = None
    gate: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # One search for all the keys, in C, instead of a Python loop over them.
        keys = "|".join(re.escape(key) for key in self.keys) or "(?!)"
        object.__setattr__(self, "gate", re.compile(keys))

    def applies(self, lowered: str) -> bool:
        """True when the rule tells this title's kind."""
        if self.start.match(lowered):
            return True
        if self.anywhere is None or not self.gate.search(lowered):
            return False
        return self.anywhere.search(lowered) is not None


# Kind rules, tried in order on the lower-cased title; the first that applies wins. Most look at
# the start of the title, where Swedish agendas put the item's type ("Motion av ...", "Val av ...").
# Every repetition is bounded, so no rule backtracks over a long word (issue 9).
_KIND_RULES: tuple[_KindRule, ...] = (
    _KindRule(
        Kind.FORMAL.value,
        re.compile(
            r"(?:upprop\b|närvaro\b|närvarokontroll|inledning\b|fråga om (?:kallelse|"
            r"sammanträdets|mötets)|(?:fastställande|fastställa|godkännande|godkänna|ändring) "
            r"(?:av )?(?:föredragningslista|dagordning|ärendelista)|föredragningslista|dagordning|"
            r"ärendelista|föregående protokoll|förra protokollet|protokoll från|"
            r"[\w-]{1,40}s protokoll\b|sammanträdets (?:öppnande|avslutande)|öppnande\b|"
            r"avslutning\b|ordförandens\b|anmäl|delgivning|meddelanden\b|skrivelser\b|"
            r"(?:inkomna|inkommande|avgående)(?: skrivelser| motioner| medborgarförslag|"
            r" handlingar| interpellationer|/)|(?:inkommen|inkommet|väckt) (?:motion|"
            r"medborgarförslag)|(?:framställda|väckta|nya) (?:motion(?:er)?|interpellationer|"
            r"frågor|medborgarförslag)|"
            r"delegation(?!sordning)|delegering(?!sordning)|delegerade beslut|rapporter\b|"
            r"frågor\b|korta frågor|interpellationer och frågor\s{0,3}$|"
            r"(?:ej|inte) (?:färdig)?beredda|tid och plats|övriga frågor|övrigt\b|jäv\b|"
            r"för kännedom|kurser och konferenser|inbjudningar|kungörelse\b|debatt|"
            r"tjänstgörande\b|överlämnande av beslutanderätt|"
            r"sammanträdes(?:dagar|tider|plan)|information från (?:kommun)?revision|"
            r"(?:information|rapport|redogörelse) från (?:de förtroendevalda )?revisor|"
            r"revisorernas (?:information|redogörelse)|revision\w{0,20} årsrapport|"
            r"lucia|avtackning|utdelning av (?:pris|stipendi)|prisutdelning|återkoppling\b|"
            r"justering\s{0,3}$|mötets (?:öppnande|avslutande|avslutning)|sammanträdets "
            r"avslutning|nästa sammanträde|rapporter från\b|"
            r"(?:motion\w{0,3}|medborgarförslag|interpellation\w{0,3}|frågor);\s?(?:nya|anmälan)|"
            r"information och (?:rapporter|anmälningsärenden|meddelanden))"
        ),
        (
            "juster",
            "protokoll",
            "frågestund",
            "frågor",
            "workshop",
            "obesvarade",
            "som inte",
            "som ej",
            "verkställda",
            "delegat",
            "delegera",
            "delegering",
            "inkomna motioner",
        ),
        re.compile(
            r"\bjusterare\b|\bjusterande\b|protokoll?sjuster|protokolljuster|justeringsperson|"
            r"justeringsdag|justeringstid|"
            r"(?<!\w)\w{1,30}s frågor$|justering av (?:dagens )?protokoll|protokollets justering|"
            r"workshop|frågestund|\bobesvarade (?:motioner|medborgarförslag)|"
            r"(?:motioner|medborgarförslag) som (?:inte|ej) (?:har )?(?:besvarats|slutbehandlats)|"
            r"\b(?:ej|inte) verkställda\b|"
            r"(?:redovisning|anmälan|rapport|förteckning)[^.]{0,40}(?:delegationsbeslut|"
            r"delegeringsbeslut|delegerade beslut|med stöd av delegation|delegerad beslutanderätt|"
            r"inkomna motioner)"
        ),
    ),
    _KindRule(
        Kind.INTERPELLATION.value,
        re.compile(
            r"(?:interpellation|(?:svar på|besvarande av) (?:interpellation|fråga|enkel fråga)|"
            r"enkel fråga|fråga\b|inkommen interpellation|bordlagd interpellation)"
        ),
    ),
    _KindRule(
        Kind.MOTION.value,
        re.compile(
            r"(?:motion|medborgarförslag|e-förslag|e-petition|folkinitiativ|"
            r"(?:bordlagt |bordlagda )?(?:svar på|besvarande av|yttrande över|beslut om|"
            r"tillbakadragande av) (?:enskild |enskilt )?(?:motion|medborgarförslag|e-förslag))"
        ),
    ),
    _KindRule(
        Kind.ELECTION.value,
        re.compile(
            r"(?:val\b|valärenden|nyval\b|omval\b|fyllnadsval|entledigande|entlediganden|"
            r"avsägelse|avsägelser|befrielse från uppdrag|utseende av|utse\b|förordnande av|"
            r"inträdesordning|ersättarordning|ny (?:ledamot|ersättare)|förrättande av val|"
            r"röstsammanräkning|ny sammanräkning|nominering|eventuella (?:val|avsägelser)|"
            r"politiska uppdrag)"
        ),
        (
            "fyllnadsval",
            "entlediga",
            "avsägelse",
            "valärend",
            "nämndem",
            "mandatförd",
            "valbered",
            "s val ",
        ),
        re.compile(
            r"\b(?:fyllnadsval|entledigande|avsägelse|valärenden|nämndemän|mandatfördelning|"
            r"valberedningens)\b|(?<!\w)\w{1,40}s val (?:av|till)\b"
        ),
    ),
    _KindRule(
        Kind.INFORMATION.value,
        re.compile(
            r"(?:information(?:er)?\b|informationsärende|info\b|föredragning\b|dragning\b|"
            r"besök\b|visning\b|presentation av|lägesrapport|lägesuppdatering|aktuellt från|"
            r"aktuell information|ekonomisk information|omvärldsanalys|undersökning av|"
            r"rapport(?::| från)|redovisning (?:från|till)\b|redovisning av (?!\w{0,30}"
            r"(?:budget|bokslut|årsredovisning|investering)))"
        ),
        ("informerar", "s information"),
        re.compile(r"\binformerar\b|(?<!\w)[\w-]{1,40}s information\b"),
    ),
)

# '"Titel" - svar på motion av …': the item's kind follows its quoted title.
_QUOTED_TITLE = re.compile(
    r'^["”“«](?P<quoted>[^"”“»]{1,400})["”“»]\s{0,3}[-–—]\s{0,3}(?P<rest>.{1,200})'
)


def clean_title(title: str) -> str:
    """The title without leading bullets, paragraph signs, numbering and case references."""
    return _LEAD.sub("", title[:MAX_TITLE]).strip()


def item_kind(title: str) -> str:
    """The item's kind from its wording (codebook: formal, election, decision, ...).

    A title in quotation marks followed by its kind ('"Titel" - svar på motion av …') takes
    the kind the words after the quotation say: an answered motion, a new motion or citizens'
    proposal (formal: only announced), an interpellation.
    """
    lowered = clean_title(title).lower()[:_KIND_TEXT]
    lowered = PROCEDURAL.sub("", lowered)
    quoted = _QUOTED_TITLE.match(lowered)
    if quoted:
        rest = PROCEDURAL.sub("", quoted.group("rest"))
        if re.match(r"(?:motion|medborgarförslag|e-förslag)\b", rest):
            return Kind.FORMAL.value
        lowered = rest
    for rule in _KIND_RULES:
        if rule.applies(lowered):
            return rule.kind
    return Kind.DECISION.value


# The kind is told by a title's first words: a longer text is not searched.
_KIND_TEXT = 300
