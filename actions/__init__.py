"""Custom actions for the rasa-sdk action server (`python -m rasa_sdk --actions actions`)."""

from actions.fallback import ActionFallback
from actions.followup import ActionOfferCheckin
from actions.guidance import ActionContinue, ActionMenuChoice, ActionReply, ActionStartPath
from actions.preferences import ActionRegionSet, ActionSwitchLanguage
from actions.report import ActionReportPack
from actions.safety import (
    ActionConcern,
    ActionConcernAnswer,
    ActionCrisis,
    ActionHandoff,
    ActionSafetyAnswer,
)

__all__ = [
    "ActionConcern",
    "ActionConcernAnswer",
    "ActionContinue",
    "ActionCrisis",
    "ActionFallback",
    "ActionHandoff",
    "ActionMenuChoice",
    "ActionOfferCheckin",
    "ActionRegionSet",
    "ActionReply",
    "ActionReportPack",
    "ActionSafetyAnswer",
    "ActionStartPath",
    "ActionSwitchLanguage",
]
