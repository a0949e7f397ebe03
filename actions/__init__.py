"""Custom actions for the rasa-sdk action server (`python -m rasa_sdk --actions actions`)."""

from actions.fallback import ActionFallback
from actions.followup import ActionOfferCheckin
from actions.guidance import ActionMenuChoice, ActionReply, ActionStartPath
from actions.preferences import ActionRegionSet, ActionSwitchLanguage
from actions.safety import ActionCrisis, ActionHandoff

__all__ = [
    "ActionCrisis",
    "ActionFallback",
    "ActionHandoff",
    "ActionMenuChoice",
    "ActionOfferCheckin",
    "ActionRegionSet",
    "ActionReply",
    "ActionStartPath",
    "ActionSwitchLanguage",
]
