"""What the users of ``make load`` do: read the busiest pages and the API lists, as a
coordinator. Run by ``benchmarks/load.py`` (headless, bounded in users and time, 127.0.0.1 only);
``LOAD_TOKEN``, ``LOAD_COOKIE`` and ``LOAD_COUNCIL`` come from its setup step."""

from __future__ import annotations

import os

from locust import HttpUser, between, task

COUNCIL = os.environ.get("LOAD_COUNCIL", "1")


class Officer(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        # Production settings: the proxy says the request came over HTTPS.
        self.page_headers = {"Cookie": os.environ["LOAD_COOKIE"], "X-Forwarded-Proto": "https"}
        self.api_headers = {
            "Authorization": f"Token {os.environ['LOAD_TOKEN']}",
            "X-Forwarded-Proto": "https",
        }

    def _page(self, url: str, name: str) -> None:
        self.client.get(url, headers=self.page_headers, name=name)

    def _api(self, url: str, name: str) -> None:
        self.client.get(url, headers=self.api_headers, name=name)

    @task(4)
    def item_list(self) -> None:
        self._page("/eu-analys/arenden/", "item list")

    @task(2)
    def item_search(self) -> None:
        self._page("/eu-analys/arenden/?q=avfall&eu=legal", "item list, search")

    @task(2)
    def statistics(self) -> None:
        self._page("/eu-analys/statistik/", "statistics")

    @task(2)
    def inbox(self) -> None:
        self._page(f"/eu-bevakning/organ/{COUNCIL}/", "inbox")

    @task(2)
    def deadlines(self) -> None:
        self._page("/eu-bevakning/tidsfrister/", "deadlines")

    @task(3)
    def api_items(self) -> None:
        self._api("/api/v1/items/?limit=50", "API items")

    @task(1)
    def api_meetings(self) -> None:
        self._api("/api/v1/meetings/?year=2015", "API meetings")

    @task(1)
    def api_initiatives(self) -> None:
        self._api("/api/v1/eu-initiatives/", "API initiatives")
