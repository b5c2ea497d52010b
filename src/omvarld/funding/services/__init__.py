"""Writes of EU funding, every one atomic and checked against the permission layer."""

from .calls import (
    call_create,
    call_match,
    call_update,
    match_add,
    match_set_status,
    programme_for,
)
from .follow_up import document_add, item_link_add, record_delete, record_save
from .programmes import ProgrammeFileError, programmes_load_file, programmes_load_reference
from .projects import project_create, project_delete, project_set_status, project_update

__all__ = [
    "ProgrammeFileError",
    "call_create",
    "call_match",
    "call_update",
    "document_add",
    "item_link_add",
    "match_add",
    "match_set_status",
    "programme_for",
    "programmes_load_file",
    "programmes_load_reference",
    "project_create",
    "project_delete",
    "project_set_status",
    "project_update",
    "record_delete",
    "record_save",
]
