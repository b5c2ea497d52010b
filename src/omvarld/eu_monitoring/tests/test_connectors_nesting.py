"""A payload nested deeper than Python's JSON decoder can follow is a bad payload, not a crash
(issue 9, item 8): the same parsers serve ``eu_import`` and ``eu_sync``."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from omvarld.eu_monitoring.connectors import cellar, europarl, haveyoursay
from omvarld.eu_monitoring.models import FetchRecord

# Far deeper than the interpreter's recursion limit (1,000): json.loads raises RecursionError.
DEEP = '{"data": ' + "[" * 100_000 + "]" * 100_000 + "}"


@pytest.mark.parametrize("parser", [cellar.parse, europarl.parse, haveyoursay.parse])
def test_each_parser_refuses_a_deeply_nested_payload_as_a_bad_payload(parser):
    with pytest.raises(ValueError, match="nested"):
        parser(DEEP)


@pytest.mark.django_db
@pytest.mark.parametrize("source", ["eurlex", "haveyoursay", "europarl"])
def test_eu_import_reports_a_deeply_nested_file_and_keeps_it(tmp_path, source):
    path = tmp_path / "deep.json"
    path.write_text(DEEP, encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("eu_import", str(path), "--source", source, stdout=out, stderr=err)
    assert "skipped payload: the payload is nested too deeply" in err.getvalue()
    assert "0 record(s) applied" in out.getvalue()
    record = FetchRecord.objects.get()
    assert "nested" in str(record.errors)
