"""The client of Statistics Sweden's PxWebApi 2.0 (``https://statistikdatabasen.scb.se/api/v2``).

It goes through the platform's one HTTP client (timeouts, retries with back-off, ``Retry-After``,
a per-host pace) and follows the limit the API publishes at ``/config``: at most
``maxCallsPerTimeWindow`` calls per ``timeWindow`` seconds, at most ``maxDataCells`` cells per
call. Data are asked for with GET (``valueCodes[Variable]=a,b``), which the API documents
alongside POST; the selections the platform makes are short enough for a URL.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from omvarld.core.http_client import HttpClient

__all__ = ["DEFAULT_BASE_URL", "DEFAULT_MAX_CELLS", "Answer", "ScbClient", "scb_client"]

DEFAULT_BASE_URL = "https://statistikdatabasen.scb.se/api/v2"
#: The limit SCB published when this was written (recorded config.json); /config says the rest.
DEFAULT_MAX_CELLS = 150_000
USER_AGENT = "Omvarld/0.1 (official statistics for a Swedish municipality; open source)"


@dataclass(frozen=True)
class Answer:
    """What one call gave: the full request, the HTTP status and the body as text."""

    request: str
    status: int
    payload: str


class ScbClient:
    def __init__(
        self, *, http: HttpClient | None = None, base_url: str = DEFAULT_BASE_URL, lang: str = "sv"
    ) -> None:
        self.http = http or HttpClient(user_agent=USER_AGENT)
        self.base_url = base_url.rstrip("/")
        self.lang = lang
        self.max_cells = DEFAULT_MAX_CELLS

    def _get(self, path: str, params: Mapping[str, str | int]) -> Answer:
        url = f"{self.base_url}{path}"
        request = f"{url}?{urllib.parse.urlencode(params)}" if params else url
        response = self.http.get(url, params=params)
        return Answer(request=request, status=response.status, payload=response.text)

    def config(self) -> Answer:
        """``GET /config``; its call and cell limits are followed from then on."""
        answer = self._get("/config", {})
        try:
            config = json.loads(answer.payload)
        except ValueError:
            return answer
        if isinstance(config, dict):
            calls, window = config.get("maxCallsPerTimeWindow"), config.get("timeWindow")
            if isinstance(calls, int) and isinstance(window, int | float) and calls > 0:
                # Evenly spaced calls never exceed the published number within any window.
                self.http.min_interval = max(self.http.min_interval, float(window) / calls)
            cells = config.get("maxDataCells")
            if isinstance(cells, int) and cells > 0:
                self.max_cells = cells
        return answer

    def tables(self, *, query: str, page_size: int = 100) -> Answer:
        """``GET /tables?query=``: SCB's search in titles, variables and values."""
        return self._get(
            "/tables", {"query": query, "lang": self.lang, "pageSize": page_size, "pageNumber": 1}
        )

    def metadata(self, table_id: str) -> Answer:
        """``GET /tables/{id}/metadata``: the table's dimensions and codes, as JSON-stat 2.0."""
        return self._get(f"/tables/{urllib.parse.quote(table_id)}/metadata", {"lang": self.lang})

    def data(self, table_id: str, selection: Mapping[str, Sequence[str]]) -> Answer:
        """``GET /tables/{id}/data`` as JSON-stat 2.0 for the given codes per variable."""
        params: dict[str, str | int] = {"lang": self.lang, "outputFormat": "json-stat2"}
        for variable, values in selection.items():
            params[f"valueCodes[{variable}]"] = ",".join(values)
        return self._get(f"/tables/{urllib.parse.quote(table_id)}/data", params)


def scb_client() -> ScbClient:
    """The client the commands and the scheduled task use (replaced in tests)."""
    return ScbClient()
