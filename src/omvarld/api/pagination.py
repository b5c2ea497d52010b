"""How the API's lists are paged: ``?page=N`` and ``?page_size=N`` (up to :data:`MAX_PAGE_SIZE`)."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination

PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


class Pagination(PageNumberPagination):
    """Pages of 100 by default; ``page_size`` asks for up to 1,000 (more is cut to 1,000)."""

    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
