"""EUR-Lex / CELLAR: new acts and Commission proposals from the Publications Office's SPARQL
endpoint, in the Common Data Model (CDM), answered in the SPARQL 1.1 JSON results format.

One row of the answer is one combination of a work's optional values (a EuroVoc subject, an act
it amends, one it repeals), so rows are grouped by CELEX. Legislation (sector 3: L, R, D, H) gives
acts; proposals (sector 5, PC) give initiatives keyed by their COM number.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from omvarld.core.http_client import HttpClient
from omvarld.knowledge.links import eurlex_url

from .records import (
    RECORD_ERRORS,
    Fetched,
    ParsedAct,
    ParsedInitiative,
    ParsedStage,
    ParseResult,
    Problem,
    com_number_for,
    load_json,
    parse_date,
)

__all__ = ["ENDPOINT", "build_query", "fetch", "parse"]

ENDPOINT = "https://publications.europa.eu/webapi/rdf/sparql"
PAGE_SIZE = 1000
MAX_PAGES = 20
LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
CELEX = re.compile(r"^(3\d{4}[LRDH]\d{4}|5\d{4}PC\d{4})$")
# Relation targets may be any act stored in the knowledge base, including treaties.
CELEX_ANY = re.compile(r"^[1-9]\d{4}[A-Z]{1,2}\d{1,4}$")

# The optional variables the query selects, in order; the parser reads the same names.
# An adopted act amends; a proposal "proposes to amend".
AMENDS = (
    "cdm:resource_legal_amends_resource_legal|cdm:resource_legal_proposes_to_amend_resource_legal"
)
VARIABLES = (
    "celex",
    "date",
    "type",
    "eli",
    "title_sv",
    "title_en",
    "in_force",
    "transposition",
    "eurovoc",
    "eurovoc_sv",
    "amends",
    "repeals",
    "procedure",
)
# CELLAR writes the interinstitutional procedure as 2021/0211/COD.
PROCEDURE = re.compile(r"^(\d{4})/(\d{4})(?:/|\()([A-Z]{3})\)?$")


def build_query(since: dt.date, until: dt.date, *, limit: int = PAGE_SIZE, offset: int = 0) -> str:
    """The SPARQL query for legislation and Commission proposals dated ``since`` ≤ date < ``until``.

    Dated by ``cdm:work_date_document``; Swedish (SWE) and English titles through the work's
    expressions; EuroVoc subjects with their Swedish ``skos:prefLabel``; the acts it amends (or,
    for a proposal, proposes to amend) and repeals, by their CELEX numbers; the interinstitutional
    procedure of the dossier that contains it.
    """
    if until <= since:
        raise ValueError("the end of the range must come after its start")
    return f"""PREFIX cdm: <http://publications.europa.eu/ontology/cdm#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT DISTINCT {" ".join("?" + v for v in VARIABLES)}
WHERE {{
  ?work cdm:resource_legal_id_celex ?celex ;
        cdm:work_date_document ?date .
  FILTER(?date >= "{since.isoformat()}"^^xsd:date && ?date < "{until.isoformat()}"^^xsd:date)
  FILTER(REGEX(STR(?celex), "^(3[0-9]{{4}}[LRDH]|5[0-9]{{4}}PC)[0-9]{{4}}$"))
  OPTIONAL {{ ?work cdm:work_has_resource-type ?type . }}
  OPTIONAL {{ ?work cdm:resource_legal_eli ?eli . }}
  OPTIONAL {{ ?work cdm:resource_legal_date_entry-into-force ?in_force . }}
  OPTIONAL {{ ?work cdm:directive_date_transposition ?transposition . }}
  OPTIONAL {{
    ?sv cdm:expression_belongs_to_work ?work ;
        cdm:expression_uses_language <{LANGUAGE}SWE> ;
        cdm:expression_title ?title_sv .
  }}
  OPTIONAL {{
    ?en cdm:expression_belongs_to_work ?work ;
        cdm:expression_uses_language <{LANGUAGE}ENG> ;
        cdm:expression_title ?title_en .
  }}
  OPTIONAL {{
    ?work cdm:work_is_about_concept_eurovoc ?eurovoc .
    OPTIONAL {{ ?eurovoc skos:prefLabel ?eurovoc_sv . FILTER(LANG(?eurovoc_sv) = "sv") }}
  }}
  OPTIONAL {{
    ?work {AMENDS} ?amended .
    ?amended cdm:resource_legal_id_celex ?amends .
  }}
  OPTIONAL {{
    ?work cdm:resource_legal_repeals_resource_legal ?repealed .
    ?repealed cdm:resource_legal_id_celex ?repeals .
  }}
  OPTIONAL {{
    ?dossier cdm:dossier_contains_work ?work ;
             cdm:procedure_code_interinstitutional_reference_procedure ?procedure .
  }}
}}
ORDER BY ?celex
LIMIT {int(limit)}
OFFSET {int(offset)}
"""


def _value(binding: dict[str, Any], name: str) -> str:
    """The value of one variable in a SPARQL JSON binding, or empty when unbound or odd."""
    term = binding.get(name)
    if not isinstance(term, dict):
        return ""
    value = term.get("value")
    return value.strip() if isinstance(value, str) else ""


def _lang(binding: dict[str, Any], name: str) -> str:
    term = binding.get(name)
    if not isinstance(term, dict):
        return ""
    lang = term.get("xml:lang")
    return lang.lower() if isinstance(lang, str) else ""


def _add(values: list[str], value: str) -> None:
    if value and value not in values:
        values.append(value)


def _bindings(payload: str | bytes) -> list[Any]:
    data = load_json(payload)
    if not isinstance(data, dict):
        raise ValueError("not a SPARQL JSON results document (not an object)")
    results = data.get("results")
    head = data.get("head")
    if not isinstance(head, dict) or not isinstance(results, dict):
        raise ValueError("not a SPARQL JSON results document (no head or results)")
    bindings = results.get("bindings")
    if not isinstance(bindings, list):
        raise ValueError("not a SPARQL JSON results document (no results.bindings list)")
    return bindings


def parse(payload: str | bytes) -> ParseResult:
    """Acts and proposal initiatives from a SPARQL 1.1 JSON results document.

    A row without a valid CELEX number is reported as a problem and skipped; the other rows
    are read. A document that is not SPARQL JSON at all raises ``ValueError``.
    """
    result = ParseResult()
    acts: dict[str, ParsedAct] = {}
    procedures: dict[str, str] = {}
    eurovoc_labels: dict[str, str] = {}
    for index, binding in enumerate(_bindings(payload)):
        where = f"results.bindings[{index}]"
        if not isinstance(binding, dict):
            result.problems.append(Problem(where, "a binding is not an object"))
            continue
        celex = _value(binding, "celex")
        if not CELEX.match(celex):
            result.problems.append(Problem(where, f"no valid CELEX number ({celex!r})"))
            continue
        # A row that cannot be read adds nothing, not even a new act.
        act = acts.get(celex) or ParsedAct(celex=celex)
        try:
            _read_row(binding, act, procedures, eurovoc_labels)
        except RECORD_ERRORS as exc:
            result.problems.append(Problem(where, str(exc) or exc.__class__.__name__))
            continue
        acts[celex] = act
    for act in acts.values():
        act.eurovoc = [eurovoc_labels.get(c, c) for c in act.eurovoc]
        procedure_reference = procedures.get(act.celex, "")
        if act.celex.startswith("5"):
            initiative = _proposal(act)
            initiative.procedure_reference = procedure_reference
            result.initiatives.append(initiative)
            continue
        result.acts.append(act)
        if procedure_reference:
            # The act a followed procedure ended in: the initiative reached its adoption.
            result.initiatives.append(
                ParsedInitiative(
                    where=f"CELEX {act.celex}",
                    procedure_reference=procedure_reference,
                    stages=[ParsedStage("adopted", act.date_adopted)],
                    extra={"adopted_as": act.celex},
                    update_only=True,
                )
            )
    return result


def _read_row(
    binding: dict[str, Any],
    act: ParsedAct,
    procedures: dict[str, str],
    eurovoc_labels: dict[str, str],
) -> None:
    """Add what one row says of its work to ``act``."""
    celex = act.celex
    date = parse_date(_value(binding, "date"))
    act.date_adopted = act.date_adopted or date
    act.resource_type = act.resource_type or _value(binding, "type").rsplit("/", 1)[-1]
    act.eli = act.eli or _value(binding, "eli")
    act.date_in_force = act.date_in_force or parse_date(_value(binding, "in_force"))
    act.transposition_deadline = act.transposition_deadline or parse_date(
        _value(binding, "transposition")
    )
    if not act.title_sv and _lang(binding, "title_sv") in ("", "sv"):
        act.title_sv = _value(binding, "title_sv")
    act.title_en = act.title_en or _value(binding, "title_en")
    concept = _value(binding, "eurovoc")
    label = _value(binding, "eurovoc_sv")
    if concept and label:
        eurovoc_labels.setdefault(concept, label)
    _add(act.eurovoc, concept)
    procedure = PROCEDURE.match(_value(binding, "procedure"))
    if procedure and celex not in procedures:
        procedures[celex] = f"{procedure[1]}/{procedure[2]}({procedure[3]})"
    for relation, values in (("amends", act.amends), ("repeals", act.repeals)):
        target = _value(binding, relation)
        if target and CELEX_ANY.match(target) and target != celex:
            _add(values, target)


def _proposal(act: ParsedAct) -> ParsedInitiative:
    url = eurlex_url(act.celex)
    return ParsedInitiative(
        where=f"CELEX {act.celex}",
        com_number=com_number_for(act.celex),
        proposal_celex=act.celex,
        title_sv=act.title_sv,
        title_en=act.title_en,
        url=url,
        eurovoc=list(act.eurovoc),
        acts=[(c, "amends") for c in act.amends] + [(c, "repeals") for c in act.repeals],
        stages=[ParsedStage("proposal", act.date_adopted)],
        extra={"resource_type": act.resource_type} if act.resource_type else {},
    )


def _pages(since: dt.date, until: dt.date) -> Iterator[tuple[int, str]]:
    for page in range(MAX_PAGES):
        yield page, build_query(since, until, offset=page * PAGE_SIZE)


def fetch(client: HttpClient, *, since: dt.date, until: dt.date) -> list[Fetched]:
    """Ask the endpoint for the date range, one page of rows at a time."""
    answers: list[Fetched] = []
    for _page, query in _pages(since, until):
        response = client.get(
            ENDPOINT,
            params={"query": query, "format": "application/sparql-results+json"},
            headers={"Accept": "application/sparql-results+json"},
        )
        answers.append(Fetched(f"GET {ENDPOINT}\n\n{query}", response.status, response.text))
        try:
            rows = len(_bindings(response.body))
        except ValueError:
            # Stored as it came, with the reason, by the sync; no page can follow it.
            break
        if rows < PAGE_SIZE:
            break
    return answers
