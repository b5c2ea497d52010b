"""Writes of the exchange app. Every function is atomic, validates with ``full_clean()`` and checks
the permission layer itself, so pages, API and admin share one rule: a refused write raises
``PermissionDenied``, invalid data ``ValidationError`` with Swedish messages on the fields."""
