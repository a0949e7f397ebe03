"""Custom actions for the rasa-sdk action server (`python -m rasa_sdk --actions actions`)."""

from actions.blocked import ActionBlocked
from actions.fallback import ActionFallback
from actions.followup import ActionOfferCheckin
from actions.grooming import ActionGrooming, ActionOuting
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
    "ActionBlocked",
    "ActionConcern",
    "ActionConcernAnswer",
    "ActionContinue",
    "ActionCrisis",
    "ActionFallback",
    "ActionGrooming",
    "ActionHandoff",
    "ActionMenuChoice",
    "ActionOfferCheckin",
    "ActionOuting",
    "ActionRegionSet",
    "ActionReply",
    "ActionReportPack",
    "ActionSafetyAnswer",
    "ActionStartPath",
    "ActionSwitchLanguage",
]
