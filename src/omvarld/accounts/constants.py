"""The role a user carries: defined by the permission layer (:mod:`omvarld.core.constants`)."""

from omvarld.core.constants import Role

__all__ = ["Role"]
