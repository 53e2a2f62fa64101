"""Exceptions and warnings raised by :mod:`kpi`.

Every error a user can cause is a :class:`KpiError`. Each carries a stable
``code`` and the ``params`` that fill its message, so the app can show it in
the user's language (``exc.message("id")``) while ``str(exc)`` stays English
for notebooks and logs. Subclasses also inherit the matching built-in, so
``except ValueError`` keeps working for callers that do not know :mod:`kpi`.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ActionError",
    "DataFormatError",
    "DataSchemaError",
    "DegenerateDataWarning",
    "FormulaError",
    "KpiError",
    "QueryError",
    "TargetError",
    "UnknownDatasetError",
    "UnknownMetricError",
    "WorkspaceError",
]


class KpiError(Exception):
    """Root of every error a user of :mod:`kpi` can cause.

    Parameters
    ----------
    code
        Stable message code, a key of :data:`kpi.i18n.MESSAGES`.
    **params
        Values for the message template (file names, columns, lines...).

    Examples
    --------
    >>> err = DataSchemaError("missing_role", role="date", kind="orders", file="x.csv", columns="`a`")
    >>> "date" in str(err)
    True
    """

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        """The message in ``lang`` (``"id"`` or ``"en"``)."""
        from kpi.i18n import message

        return message(self.code, lang, **self.params)


class DataFormatError(KpiError, ValueError):
    """A file cannot be read: wrong format, encoding, empty, or unreadable."""


class DataSchemaError(KpiError, ValueError):
    """A file was read, but its columns do not fit the dataset kind or mapping."""


class UnknownDatasetError(KpiError, KeyError):
    """A dataset name that the workspace does not hold."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return self.message("en")


class UnknownMetricError(KpiError, KeyError):
    """A KPI name that neither the catalog nor the workspace defines."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return self.message("en")


class FormulaError(KpiError, ValueError):
    """A custom KPI's formula or definition cannot be used."""


class QueryError(KpiError, ValueError):
    """A KPI query's arguments cannot be used: a bad grain, date, window or filter value."""


class TargetError(KpiError, ValueError):
    """A goal or target that cannot be saved or found."""


class ActionError(KpiError, ValueError):
    """A corrective action that cannot be saved or found."""


class WorkspaceError(KpiError, RuntimeError):
    """The workspace file cannot be opened or written."""


class DegenerateDataWarning(UserWarning):
    """Valid data too thin for the method (one period, a flat series...)."""
