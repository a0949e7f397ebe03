"""Routes each turn by its triage, in-process, before the intent rules.

After every user message it copies the parse's `triage` (language, script, crisis, minor, age), the
channel metadata (channel, region) and the directory values for the responses' placeholders into
slots, through `PolicyPrediction.events`: Rasa applies them before the next action runs, whichever
policy wins, so every response is chosen in the texter's language with the region's numbers without
a round trip to the action server. Then it decides what outranks the intent rules:
- a conversation a counsellor has claimed (the connector's `handoff` metadata) -> paused, silent;
- a reply to the open safety question (`pending_question`) -> `action_safety_answer` /
  `action_concern_answer` (asked again once when unclear, then let go);
- any crisis signal -> `action_crisis`, from any state and whatever the intent;
- a possible signal (`risk == "concern"`), asked once -> `action_concern`;
- a child (or a parent reporting for one) with a grooming signal, in this message or an earlier one,
  not yet told what to do, or a meeting newly mentioned -> `action_grooming` (issue 15; before the
  block below: a child in danger is told what to do whoever is blocked, and blocked senders never queue);
- a sender a supervisor has blocked (helpline/store/blocks.py) -> `action_blocked` (after the safety
  routes above, so a blocked sender's crisis is still answered; nothing below reaches the queue);
- an adult's first outing threat -> `action_outing` (issue 15);
- a bare numbered choice ("2"), with a menu open or not -> `action_menu_choice`;
- "what should I do now" on a path -> `action_continue`;
- a message that only says where the texter is -> `action_region_set`;
- the report pack's words ("summary", 報案摘要, 报案摘要; "clear summary", 清除摘要) or an answer to its
  open question (`report_question`) -> `action_report_pack` (any other route lets that question go).
"""

from __future__ import annotations

from typing import Any

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ConversationPaused,
    ConversationResumed,
    Event,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.answers import SAFE_NOW, SUICIDE, asks_what_to_do, safety_answer, suicide_answer
from bot.triage.choices import menu_choice
from bot.triage.region import stated_region
from bot.triage.report_words import NOT_ANSWER_INTENTS, asks_for_report_pack
from bot.triage.risk_level import RISK_LEVELS, parse_risk
from helpline.content.directory import get_directory
from helpline.content.placeholders import placeholder_values
from helpline.deadlines import iso, resolve_deadline
from helpline.settings import clock
from helpline.settings.retention import retention_placeholders
from helpline.store import blocks

ACTIONS_BEFORE_PREDICTION = {ACTION_LISTEN_NAME, "action_extract_slots"}
ACTION_CRISIS = "action_crisis"
ACTION_MENU_CHOICE = "action_menu_choice"
ACTION_REGION_SET = "action_region_set"
ACTION_SAFETY_ANSWER = "action_safety_answer"
ACTION_CONCERN = "action_concern"
ACTION_CONCERN_ANSWER = "action_concern_answer"
ACTION_CONTINUE = "action_continue"
ACTION_BLOCKED = "action_blocked"
ACTION_GROOMING = "action_grooming"
ACTION_OUTING = "action_outing"
ACTION_REPORT_PACK = "action_report_pack"
ACTION_REPLY = "action_reply"
ROUTED_ACTIONS = {
    ACTION_REPORT_PACK,
    ACTION_BLOCKED,
    ACTION_GROOMING,
    ACTION_OUTING,
    ACTION_CRISIS,
    ACTION_MENU_CHOICE,
    ACTION_REGION_SET,
    ACTION_SAFETY_ANSWER,
    ACTION_CONCERN,
    ACTION_CONCERN_ANSWER,
    ACTION_CONTINUE,
}
MAX_ASKS_WITHOUT_ANSWER = 1  # an unclear reply gets the question once more, then the texter leads
YES_NO_MENUS = {"utter_delete_confirm"}
LISTEN_AFTER_ACTION = 0.5
# What a counsellor's summary needs, remembered in slots as the conversation goes.
FACT_INTENTS = {"already_paid": "paid", "content_shared": "content_shared", "malicious_app": "app_installed"}
FACT_ENTITIES = ("amount", "currency", "platform", "payment_method", "relation")
REGION_ONLY_INTENTS = {"out_of_scope", "nlu_fallback", "greet", "state_age", "affirm", "deny", None}


def is_first_prediction_of_turn(tracker: DialogueStateTracker) -> bool:
    """True right after a user message, before any bot action of this turn has run."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return True
        if isinstance(event, ActionExecuted) and event.action_name not in ACTIONS_BEFORE_PREDICTION:
            return False
    return False


def wanted_slots(tracker: DialogueStateTracker) -> dict[str, Any]:
    """Slot values the latest message implies: triage, channel, region and directory placeholders."""
    message = tracker.latest_message
    if message is None:
        return {}
    triage: dict[str, Any] = message.parse_data.get("triage") or {}
    metadata: dict[str, Any] = message.metadata or {}
    wanted: dict[str, Any] = {}
    if triage.get("language") and not tracker.get_slot("language_locked"):
        wanted["language"] = triage["language"]
        wanted["script"] = triage.get("script")
    if triage.get("crisis"):
        wanted["crisis"] = True  # sticky for the conversation
    wanted.update(conversation_risk(tracker, triage, (message.intent or {}).get("name")))
    if triage.get("minor"):
        wanted["minor"] = True
    wanted.update(grooming_slots(tracker, triage))
    if triage.get("age") is not None:
        wanted["age"] = float(triage["age"])
    # a crisis makes the intent self_harm; the story it came in (paid, shared...) is still a fact
    story_intent = triage.get("story_intent") or (message.intent or {}).get("name")
    if story_intent in FACT_INTENTS:
        wanted[FACT_INTENTS[story_intent]] = True
    for entity in message.entities or []:
        if entity.get("entity") in FACT_ENTITIES and entity.get("value") is not None:
            wanted[entity["entity"]] = str(entity["value"])
    if metadata.get("channel"):
        wanted["channel"] = metadata["channel"]
    said_region = stated_region(message.text or "")
    if said_region:
        wanted["region"] = said_region
        wanted["region_from_texter"] = True
    elif metadata.get("region") and not tracker.get_slot("region_from_texter"):
        wanted["region"] = metadata["region"]
    language = wanted.get("language") or tracker.get_slot("language") or "en"
    region = wanted.get("region") or tracker.get_slot("region")
    deadline = resolve_deadline(message.text, clock.now(), region=region, zone=metadata.get("timezone"))
    if deadline is not None:
        wanted["deadline_at"] = iso(deadline)  # a later stated deadline replaces an earlier one
    minor = bool(wanted.get("minor") or tracker.get_slot("minor"))
    # The web chat's region, until the texter confirms one, is a guess from the browser's time zone.
    guessed = (
        bool(metadata.get("region_guessed"))
        and not said_region
        and not tracker.get_slot("region_from_texter")
    )
    wanted.update(placeholder_values(get_directory(), region, language, minor=minor, region_guessed=guessed))
    wanted.update(retention_placeholders())
    return wanted


def grooming_slots(tracker: DialogueStateTracker, triage: dict[str, Any]) -> dict[str, bool]:
    """Issue 15, at conversation level (the age often comes in another message than the grooming):
    `grooming_signal`, `meeting` and `outing` stick once seen; `grooming` once the conversation has a
    grooming signal and knows the person is a minor (never for an adult)."""
    wanted: dict[str, bool] = {}
    signal = bool(triage.get("grooming_signal") or triage.get("grooming"))
    if signal:
        wanted["grooming_signal"] = True
    if triage.get("meeting"):
        wanted["meeting"] = True
    if triage.get("outing"):
        wanted["outing"] = True
    minor = bool(triage.get("minor") or tracker.get_slot("minor"))
    if triage.get("grooming") or (minor and (signal or tracker.get_slot("grooming_signal"))):
        wanted["grooming"] = True
    return wanted


def grooming_needs_support(tracker: DialogueStateTracker) -> bool:
    """A child being groomed who has not had the urgent reply, or now mentions a meeting."""
    message = tracker.latest_message
    if message is None:
        return False
    triage = message.parse_data.get("triage") or {}
    wanted = grooming_slots(tracker, triage)
    if not (wanted.get("grooming") or tracker.get_slot("grooming")):
        return False
    if not tracker.get_slot("grooming_supported"):
        return True
    return bool(triage.get("meeting")) and not tracker.get_slot("meeting")


def outing_needs_support(tracker: DialogueStateTracker) -> bool:
    """An adult's first outing threat (a child gets the child's path, which keeps them safe first)."""
    message = tracker.latest_message
    if message is None:
        return False
    triage = message.parse_data.get("triage") or {}
    if not triage.get("outing") or tracker.get_slot("outing_supported"):
        return False
    return not (triage.get("minor") or tracker.get_slot("minor"))


RISK_ORDER = {level: rank for rank, level in enumerate(RISK_LEVELS)}
# A message that, after a concern, makes it a crisis: more of the same, or distress.
ESCALATING_INTENTS = {"express_distress", "self_harm"}


def conversation_risk(
    tracker: DialogueStateTracker, triage: dict[str, Any], intent: str | None
) -> dict[str, str]:
    """`risk_level` and `risk_about` for the conversation after the latest message.

    A concern followed by another concern or by distress becomes a crisis; a crisis is never lowered;
    `risk_about` follows the latest message with a risk.
    """
    before = tracker.get_slot("risk_level")
    before = before if before in RISK_ORDER else ("crisis" if tracker.get_slot("crisis") else "none")
    risk = parse_risk(triage, intent)  # the latest message's own level
    level = max(before, risk, key=RISK_ORDER.__getitem__)
    if before == "concern" and (risk == "concern" or intent in ESCALATING_INTENTS):
        level = "crisis"
    wanted = {"risk_level": level}
    if risk != "none":
        wanted["risk_about"] = triage.get("risk_about") or "self"
    return wanted


def triage_slot_events(tracker: DialogueStateTracker, domain: Domain) -> list[Event]:
    """SlotSet events for the slots whose value the latest message changes."""
    slot_names = {slot.name for slot in domain.slots}
    return [
        SlotSet(name, value)
        for name, value in wanted_slots(tracker).items()
        if name in slot_names and tracker.get_slot(name) != value
    ]


def claimed_by_a_counsellor(tracker: DialogueStateTracker) -> bool:
    """The connector says a counsellor holds this conversation: the assistant must be silent."""
    message = tracker.latest_message
    return bool(message and (message.metadata or {}).get("handoff") == "claimed")


def risk_signal(tracker: DialogueStateTracker) -> str:
    """'crisis', 'concern' or 'none' for the latest message (`risk`, or `crisis` before issue 12)."""
    message = tracker.latest_message
    if message is None:
        return "none"
    triage = message.parse_data.get("triage") or {}
    intent = (message.intent or {}).get("name")
    risk = parse_risk(triage, intent)
    if risk == "crisis":
        return "crisis"
    if risk != "concern":
        return "none"
    if wanted_slots(tracker).get("risk_level") == "crisis" and tracker.get_slot("risk_level") != "crisis":
        return "crisis"  # concern after concern: the conversation's risk has just become a crisis
    return "concern"


def open_question(tracker: DialogueStateTracker) -> str | None:
    """The question a yes/no now answers; one asked before a counsellor's conversation is closed."""
    if tracker.get_slot("pending_question") is None:
        return None
    for event in reversed(tracker.events):
        if isinstance(event, SlotSet) and event.key == "pending_question":
            return event.value
        if isinstance(event, ConversationResumed):
            return None
    return tracker.get_slot("pending_question")


def pending_is_unanswered(tracker: DialogueStateTracker) -> bool:
    """An open safety question the latest message does not answer, asked too often already."""
    message = tracker.latest_message
    pending = open_question(tracker)
    if message is None or pending not in (SAFE_NOW, SUICIDE):
        return False
    intent = (message.intent or {}).get("name")
    crisis = risk_signal(tracker) == "crisis"
    if pending == SAFE_NOW:
        asks = int(tracker.get_slot("pending_asks") or 0)
        return safety_answer(message.text, intent, crisis) is None and asks >= MAX_ASKS_WITHOUT_ANSWER
    return suicide_answer(message.text, intent, crisis) is None


def routed_action(tracker: DialogueStateTracker) -> str | None:
    """The action this turn's triage demands ahead of the intent rules, if any."""
    message = tracker.latest_message
    if message is None:
        return None
    if claimed_by_a_counsellor(tracker):
        return ACTION_LISTEN_NAME
    intent = (message.intent or {}).get("name")
    risk = risk_signal(tracker)
    pending = open_question(tracker)
    if pending == SAFE_NOW and not pending_is_unanswered(tracker):
        return ACTION_SAFETY_ANSWER  # "no", "not safe", 唔安全, 不安全... or asked once more
    if pending == SUICIDE and not pending_is_unanswered(tracker):
        return ACTION_CONCERN_ANSWER
    if risk == "crisis":
        return ACTION_CRISIS
    if risk == "concern" and not tracker.get_slot("concern_asked") and not tracker.get_slot("safety"):
        return ACTION_CONCERN
    if grooming_needs_support(tracker):
        return ACTION_GROOMING
    if blocks.sender_blocked(tracker.sender_id):
        return ACTION_BLOCKED  # one neutral message with the crisis line; never the queue
    if outing_needs_support(tracker):
        return ACTION_OUTING
    if asks_for_report_pack(message.text) or (
        tracker.get_slot("report_question")
        and intent not in NOT_ANSWER_INTENTS
        and menu_choice(message.text) in (None, "0")  # "0" skips; another digit is a menu choice
    ):
        return ACTION_REPORT_PACK
    menu = tracker.get_slot("menu")
    if menu_choice(message.text) or (
        menu and (intent == "affirm" or (menu in YES_NO_MENUS and intent == "deny"))
    ):
        return ACTION_MENU_CHOICE
    if tracker.get_slot("path") and asks_what_to_do(message.text):
        return ACTION_CONTINUE
    if stated_region(message.text or "") and intent in REGION_ONLY_INTENTS:
        return ACTION_REGION_SET
    if risk == "concern" and intent == "self_harm":
        # a possible signal already asked about (DESIGN.md's table makes its intent self_harm): comfort, as
        # for distress; the self_harm rule is the crisis path, which a concern enters only by escalating
        return ACTION_REPLY
    return None


def dialogue_events(tracker: DialogueStateTracker) -> list[Event]:
    """A counsellor's claim pauses the assistant; an unanswered question is let go."""
    if claimed_by_a_counsellor(tracker):
        return [ConversationPaused()]
    if tracker.get_slot("report_question") and routed_action(tracker) != ACTION_REPORT_PACK:
        return [SlotSet("report_question", None)]  # a crisis or a question comes first; the pack waits
    if pending_is_unanswered(tracker) or (
        tracker.get_slot("pending_question") is not None and open_question(tracker) is None
    ):
        return [SlotSet("pending_question", None), SlotSet("pending_asks", 0.0)]
    return []


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class TriagePolicy(Policy):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"priority": 7}

    def train(
        self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any
    ) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        if is_first_prediction_of_turn(tracker):
            action = routed_action(tracker)
            if action in domain.action_names_or_texts:
                probabilities[domain.index_for_action(action)] = 1.0
            events = triage_slot_events(tracker, domain) + dialogue_events(tracker)
            return self._prediction(probabilities, events=events)
        if tracker.latest_action_name in ROUTED_ACTIONS:
            probabilities[domain.index_for_action(ACTION_LISTEN_NAME)] = 1.0
        elif tracker.latest_action_name != ACTION_LISTEN_NAME:
            # After any action, listen unless a rule continues (rules predict 1.0). This outranks the
            # core fallback (0.3), which would otherwise repeat itself until Rasa's prediction cap.
            probabilities[domain.index_for_action(ACTION_LISTEN_NAME)] = LISTEN_AFTER_ACTION
        return self._prediction(probabilities)
