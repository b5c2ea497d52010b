"""Fixtures shared by every test package of the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
SHARED_DATA = ROOT.parent / "shared" / "data"


DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="run only the tests that use the database (make test's second run, on SQLite: "
        "the tests that never touch a database gain nothing from another database)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--database-tests-only"):
        return
    keep, drop = [], []
    for item in items:
        uses = item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(
            getattr(item, "fixturenames", ())
        )
        (keep if uses else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def _compile_catalogues() -> bool:
    """Compile every Swedish catalogue whose .mo is missing or older than its .po.

    Pure Python (polib), so ``pytest`` passes on a fresh clone without gettext installed. Each
    file is written under a temporary name and moved into place, so parallel workers (xdist)
    compiling at once never read half a file. True when anything was compiled.
    """
    import polib

    compiled = False
    for po in sorted((ROOT / "src" / "omvarld").glob("**/locale/*/LC_MESSAGES/django.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        partial = mo.with_name(f".{mo.name}.{os.getpid()}")
        polib.pofile(str(po)).save_as_mofile(str(partial))
        partial.replace(mo)
        compiled = True
    return compiled


@pytest.fixture(scope="session", autouse=True)
def swedish_catalogues() -> None:
    """Compiled Swedish catalogues, which tests of Swedish text need (``*.mo`` is not in git)."""
    if _compile_catalogues():
        # Django caches the catalogues it found (none, on a fresh clone) per process.
        from django.utils.translation import trans_real

        trans_real._translations = {}
        trans_real._default = None


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
    tmp_path_factory,
):
    """The test database, migrated once per run and copied for each xdist worker.

    Django renders the state of every model again for each model a migration creates, so
    migrating an empty database takes about 30 s of CPU, and each worker used to do it. Now the
    first worker of a run migrates a template database, under a lock in the folder the run's
    workers share, and every worker copies it (``CREATE DATABASE ... TEMPLATE`` on PostgreSQL, a
    file copy on SQLite) with Django's own cloning, which its parallel test runner uses too. Every
    test database is still the product of the real migrations. Without xdist, or with
    ``--reuse-db`` or ``--nomigrations``, this is pytest-django's own set-up.
    """
    import fcntl

    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    worker = getattr(request.config, "workerinput", {}).get("workerid")
    keepdb = django_db_keepdb and not django_db_createdb
    if worker is None or keepdb or not django_db_use_migrations:
        from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

        if not django_db_use_migrations:
            _disable_migrations()
        aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
        with django_db_blocker.unblock():
            databases = setup_databases(
                verbosity=0,
                interactive=False,
                aliases=aliases,
                serialized_aliases=serialized_aliases,
                keepdb=keepdb,
            )
        yield
        if not keepdb:
            with django_db_blocker.unblock():
                teardown_databases(databases, verbosity=0)
        return

    shared = tmp_path_factory.getbasetemp().parent  # the run's folder, above each worker's
    creation = connection.creation
    original_name = connection.settings_dict["NAME"]
    with django_db_blocker.unblock(), open(shared / "test-database.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one migration, and one copy at a time (PostgreSQL
        try:  # copies only a template nobody is connected to)
            if connection.vendor == "sqlite":
                template = str(shared / "template.sqlite3")
            else:
                template = (
                    f"{connection.settings_dict['TEST']['NAME'].rsplit('_gw', 1)[0]}_template"
                )
            made = shared / "test-database-template.done"
            if not made.exists():
                connection.settings_dict["TEST"]["NAME"] = template
                creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
                if connection.vendor == "sqlite":
                    with connection.cursor() as cursor:
                        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                connection.close()
                made.touch()
            connection.settings_dict["NAME"] = template
            creation.clone_test_db(suffix=worker, verbosity=0, autoclobber=True)
            connection.settings_dict.update(creation.get_test_db_clone_settings(worker))
            connection.close()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    yield
    with django_db_blocker.unblock():
        connection.close()
        creation.destroy_test_db(original_name, verbosity=0)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real data written by others in ``../shared/data``.

    Skipped with a visible reason on a machine without it; on CI (``CI=true``)
    a missing folder is a failure, because CI always has it.
    """
    if SHARED_DATA.is_dir():
        return SHARED_DATA
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but the shared data folder {SHARED_DATA} is missing")
    pytest.skip(f"the shared data folder {SHARED_DATA} is not on this machine")


@pytest.fixture
def municipality(db):
    from omvarld.organisation.tests.factories import MunicipalityFactory

    return MunicipalityFactory()


@pytest.fixture
def make_body(municipality):
    from omvarld.organisation.tests.factories import BodyFactory

    def make(short_name: str, name: str | None = None, kind: str = "committee", **extra):
        return BodyFactory(
            municipality=municipality,
            short_name=short_name,
            name=name or f"{short_name}-nämnden",
            kind=kind,
            **extra,
        )

    return make


@pytest.fixture
def make_user(db):
    from omvarld.accounts.tests.factories import UserFactory

    def make(role: str = "reader", username: str | None = None, bodies=(), offices=(), **extra):
        if username is not None:
            extra["username"] = username
        return UserFactory(role=role, bodies=list(bodies), offices=list(offices), **extra)

    return make


@pytest.fixture
def client_as(client, make_user):
    """A logged-in test client for a new user of the given role."""

    def login(role: str, **kwargs):
        user = make_user(role, **kwargs)
        client.force_login(user)
        client.user = user
        return client

    return login


def load_reference_data() -> None:
    """Areas, the organisation file and the programme's goals, through their loaders."""
    from django.conf import settings

    from omvarld.knowledge.services import knowledge_load_areas
    from omvarld.organisation.services import organisation_load_file
    from omvarld.organisation.services_goals import goal_load_file

    knowledge_load_areas()
    organisation_load_file(path=settings.ORGANISATION_FILE)
    goal_load_file()


@pytest.fixture(scope="session")
def capture_rows(django_db_setup, django_db_blocker):
    """A function that runs data loaders once and keeps every row they wrote.

    ``capture_rows(load)`` runs ``load()`` through the app's services, on the empty test
    database, inside a transaction that is then rolled back, and returns the rows of every model
    the loaders changed (history and many-to-many tables included) with ``load()``'s result.
    Loading the same data files again for each test cost most of the suite's time (issue 10);
    :func:`insert_rows` writes the kept rows in a few bulk inserts instead. Session-scoped
    fixtures that call it run before a test's own transaction begins.
    """
    from django.apps import apps
    from django.db import connection, transaction

    def rows(model):
        return list(model._base_manager.order_by("pk").values_list())

    def capture(load):
        with django_db_blocker.unblock(), transaction.atomic():
            tables = set(connection.introspection.table_names())
            models = [
                model
                for model in apps.get_models(include_auto_created=True)
                if model._meta.db_table in tables and not model._meta.proxy
            ]
            before = {model: rows(model) for model in models}
            result = load()
            captured = [
                (model, list(model._base_manager.order_by("pk")), bool(before[model]))
                for model in models
                if rows(model) != before[model]
            ]
            transaction.set_rollback(True)
        return captured, result

    return capture


@pytest.fixture
def insert_rows(db):
    """A function that writes rows kept by :func:`capture_rows` into the test's database.

    ``insert_rows(captured, load)`` inserts them in bulk, in one transaction (so foreign keys are
    checked at its end, in transactional tests too), and returns what ``load()`` returned. When
    some of those rows are there already (a test loaded other data first), it runs ``load()``
    itself, as the loaders add only what is missing.
    """
    from django.core.management.color import no_style
    from django.db import connection, transaction

    def insert(captured, load):
        snapshot, result = captured
        if any(model._base_manager.exists() for model, _rows, had in snapshot if not had):
            return load()
        with transaction.atomic():
            for model, instances, had_rows in snapshot:
                if had_rows:  # a row the migrations wrote and a loader changed: as it was left
                    model._base_manager.all()._raw_delete(connection.alias)
                model._base_manager.bulk_create(instances)
            # PostgreSQL's id sequences do not move for rows inserted with their ids.
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(
                    no_style(), [model for model, _instances, _had in snapshot]
                ):
                    cursor.execute(statement)
        return result

    return insert


@pytest.fixture(scope="session")
def reference_rows(capture_rows):
    """The rows of the reference data (areas, the organisation file, the programme's goals)."""
    return capture_rows(load_reference_data)


@pytest.fixture
def organisation(insert_rows, reference_rows):
    """The default organisation (Norrköping) with the policy areas it refers to and the goals of
    its programme for international work.

    This is the reference data most tests need; the whole knowledge base (EU acts, statutes,
    policies, cues) is the explicit :func:`full_knowledge`. The rows are those the loaders wrote
    once (:func:`reference_rows`), inserted in bulk: a few queries instead of some three hundred.
    """
    insert_rows(reference_rows, load_reference_data)


@pytest.fixture
def full_knowledge(db):
    """Every knowledge file in the database: for the tests that read acts, statutes or cues."""
    from omvarld.knowledge.services import knowledge_load_files

    return knowledge_load_files()


@pytest.fixture
def council(organisation):
    from omvarld.organisation.models import Body

    return Body.objects.get(short_name="KF")


@pytest.fixture
def imported(council):
    """A council notice imported and analysed by the engine."""
    from omvarld.meetings.services import document_import
    from omvarld.meetings.tests.factories import NOTICE

    return document_import(data=NOTICE.encode("utf-8"), name="kf-2016-03-21.txt")


# --- Factories -----------------------------------------------------------------------------------
# Each app keeps its factory-boy factories in its own tests/factories.py. A test that needs another
# app's rows takes them from these fixtures instead of importing that app's test package.


@pytest.fixture
def factories(db):
    """Every installed app's factories by model name: ``factories.AgendaItem(title=...)``.

    Found in each app's ``tests/factories.py`` (the factories of the app's own models), so a new
    app's factories join without an edit here.
    """
    import importlib
    import importlib.util
    from types import SimpleNamespace

    import factory
    from django.apps import apps

    found = {}
    for config in apps.get_app_configs():
        name = f"{config.name}.tests.factories"
        if not config.name.startswith("omvarld."):
            continue
        try:
            if importlib.util.find_spec(name) is None:
                continue
        except ModuleNotFoundError:  # an app without a tests package
            continue
        for value in vars(importlib.import_module(name)).values():
            if not (isinstance(value, type) and issubclass(value, factory.Factory)):
                continue
            model = value._meta.model
            # An app's own models only: its factories of other apps' models are helpers.
            if model is not None and model._meta.app_label == config.label:
                found.setdefault(model.__name__, value)
    return SimpleNamespace(**found)
