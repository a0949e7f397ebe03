"""Custom actions for the rasa-sdk action server (`python -m rasa_sdk --actions actions`)."""

from actions.fallback import ActionFallback
from actions.guidance import ActionMenuChoice, ActionReply, ActionStartPath
from actions.preferences import ActionRegionSet, ActionSwitchLanguage
from actions.safety import ActionCrisis, ActionHandoff

__all__ = [
    "ActionCrisis",
    "ActionFallback",
    "ActionHandoff",
    "ActionMenuChoice",
    "ActionRegionSet",
    "ActionReply",
    "ActionStartPath",
    "ActionSwitchLanguage",
]
