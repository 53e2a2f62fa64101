"""Kinerja: a KPI workbench for sales and marketing teams.

Examples
--------
>>> import kpi
>>> ws = kpi.Workspace.open(":memory:")
>>> [r.rows > 0 for r in kpi.load_sample(ws)]
[True, True, True, True, True]
>>> sorted(d.name for d in ws.datasets())
['leads', 'orders', 'social', 'spend', 'survey']
"""

from __future__ import annotations

from kpi import charts, report
from kpi.action_effects import ActionEffect
from kpi.actions import Action
from kpi.errors import (
    ActionError,
    DataFormatError,
    DataSchemaError,
    DegenerateDataWarning,
    FormulaError,
    KpiError,
    QueryError,
    TargetError,
    UnknownDatasetError,
    UnknownMetricError,
    WorkspaceError,
)
from kpi.goals import Goal
from kpi.i18n import Message
from kpi.mapping import suggest_mapping, validate_mapping
from kpi.metrics import CATALOG, Metric
from kpi.plans import TargetSuggestion
from kpi.progress import Progress, Thresholds
from kpi.quality import QualityItem, QualityReport
from kpi.roles import KINDS, ROLES
from kpi.samples import load_sample
from kpi.targets import CheckIn, Target
from kpi.workspace import Dataset, ImportResult, Preview, Workspace

__all__ = [
    "CATALOG",
    "KINDS",
    "ROLES",
    "Action",
    "ActionEffect",
    "ActionError",
    "CheckIn",
    "DataFormatError",
    "DataSchemaError",
    "Dataset",
    "DegenerateDataWarning",
    "FormulaError",
    "Goal",
    "ImportResult",
    "KpiError",
    "Message",
    "Metric",
    "Preview",
    "Progress",
    "QualityItem",
    "QualityReport",
    "QueryError",
    "Target",
    "TargetError",
    "TargetSuggestion",
    "Thresholds",
    "UnknownDatasetError",
    "UnknownMetricError",
    "Workspace",
    "WorkspaceError",
    "charts",
    "load_sample",
    "report",
    "suggest_mapping",
    "validate_mapping",
]
