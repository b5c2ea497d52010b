from omvarld.meetings.tests.conftest import council, imported, reference_data  # noqa: F401
