"""Adds the `triage` key to every parse and keeps crisis recall first.

`triage` = {language, script, crisis, risk, risk_about, minor, age, grooming} as fixed in DESIGN.md.
`risk` is "crisis" when the lexicon finds a clear signal or the classifier reads `self_harm`, "concern"
when the lexicon finds only a possible one (hopelessness, "cant go on like this") or the classifier's
`self_harm` probability, second to another intent, is above the concern line, else "none"; `crisis` is
exactly `risk == "crisis"`. `risk_about` is "other" when the signal's own subject is someone else (a
friend, a child) or the texter asks for someone else and names no subject, "self" otherwise, null
without risk.

A crisis makes the intent `self_harm` (`help_someone_else` when the risk is someone else's) whatever
the classifier read, as every labelled set written from real wording labels it ("he posted it, i want
to die" is self_harm first); the classifier's story intent stays second in the ranking and in
`story_intent` (null otherwise), so the facts it carries (paid, shared, app) are still kept. A concern
the classifier's `self_harm` alone raised keeps its best story intent when that is sure enough
(CONCERN_STORY_PROBABILITY), else reads as the signal it is: `self_harm`, or `express_distress` for
hopelessness alone (DESIGN.md's intent table). The assistant asks either way: the policy reads `risk`.

`grooming` (issue 15) is a grooming or in-person-danger signal (bot/triage/grooming.py) in a message
that also says the person is a minor; `grooming_signal` is the signal whatever the age (the
conversation decides with its `minor` slot, as the age often comes in another message), `meeting` a
meeting proposed or arranged, `outing` a threat to reveal the texter's sexual orientation or gender
identity.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.base import StatelessComponent
from bot.components.intent_classifier import LEVEL_NET, OTHER_RISK, RISK_NET
from bot.triage.age import detect_age
from bot.triage.choices import menu_choice
from bot.triage.crisis import CrisisFinding, detect_crisis, named_subject, normalise
from bot.triage.grooming import detect_grooming
from bot.triage.language import detect_language, script_in_context
from bot.triage.tokens import is_han

TRIAGE = "triage"
SELF_HARM = "self_harm"
HELP_SOMEONE_ELSE = "help_someone_else"
EXPRESS_DISTRESS = "express_distress"
NO_INTENT = "nlu_fallback"
# Above this the classifier's self_harm on a text whose only death-word is an idiom makes a concern.
IDIOM_OVERRIDE_CONFIDENCE = 0.9
# The concern net (possible signals: the assistant asks "are you thinking about suicide?"). Below this the
# classifier's self_harm alone, with no lexicon signal, is a possible signal, not a crisis.
CLASSIFIER_CRISIS_CONFIDENCE = 0.4
# The classifier's second opinion: on a text the lexicon found nothing in (and no idiom), a `self_harm`
# probability at or above this, even when another intent ranks first, is a possible signal (concern):
# unseen indirect wording ("i just want everything to stop") often scores 0.1-0.4 on `self_harm` while a
# story intent wins. Chosen on the development sets (README "Risk"), never on the sealed set. Eighth round:
# trained with the opened recognition sets the classifier is surer of itself, and 0.15 missed possible
# signals that scored 0.12-0.15 on a set left out of the training; 0.12 caught as many as the earlier
# model did at 0.15, for 9.4-13.7 % concern on the left-out sets' harmless texts (README "Eighth round").
CLASSIFIER_CONCERN_PROBABILITY = 0.12
# Twentieth round: the second opinion counts only where the risk net (thirteenth round, trained on every
# opened set's possible signals) gives the text at least this. On unfamiliar harmless wording (a ticket
# question, a school year) `self_harm`, the largest class, took 0.12-0.25 by itself. Chosen by leaving each
# of the 25 sets opened before hold23 out in turn (11,604 texts; hold23 left aside, as this round's changes
# were read from it): concern on texts without risk 4.9 % -> 3.8 %, risk texts caught 0.9982 -> 0.9981 (one
# streamer's goodbye), nothing else moved (0.1: 4.4 %, no risk text lost; 0.3: 3.4 %, two lost).
CLASSIFIER_CONCERN_RISK_NET = 0.2
# The same for someone else: on a message the classifier gives `help_someone_else` at least
# OTHER_RISK_HELP_PROBABILITY (first or not), OtherRiskClassifier's probability that it tells of someone
# else at risk at or above this is a concern about them. Chosen on the development sets dev4, hold4 and
# hold5 with the fifth round's data (the net alone, before the lexicon): 0.5 behind a first-ranked
# `help_someone_else` caught 0.63 of the texts about someone else at risk, 0.3 behind a 0.3 probability
# 0.88, for 1.4 % -> 2.4 % of the harmless texts (fewer once the lexicon's idioms are left out). Someone else
# must also be named (a relation): 0.85 and 2.2 %, and a child's own message about a stranger who wants to
# meet (help_someone_else 0.48, other risk 0.31) stays a grooming case. Sixth round: with about 270
# training examples marked `risk: other` the classifier reads plain "my son is being blackmailed" higher
# (0.35-0.5), so 0.5: on dev4, hold4, hold5, hold6 and dev7 it catches the same 0.96 of the texts about
# someone else at risk as 0.3 and 0.4 do, for 5.5 % concern on harmless texts instead of 6.0 % (0.4).
OTHER_RISK_CONCERN_PROBABILITY = 0.5
OTHER_RISK_HELP_PROBABILITY = 0.3
# The risk net (RiskNetClassifier: risk or none, trained on the opened sets' concern texts too): on a text
# nothing else found a signal in, a probability at or above this is a possible signal (concern). Chosen
# before any held-out set was scored, by leaving each of the 16 opened sets out of its training in turn
# (scripts/risk_net_cv.py, README "Thirteenth round"): at 0.5 it found 0.985 of the risk texts the
# lexicon finds nothing in, for 4.7 % of the harmless texts and 7.6 % of the idioms (0.4: 0.989, 6.0 %,
# 10.5 %; 0.6: 0.970, 3.1 %, 5.3 %). It only ever raises a concern: the assistant asks. Fourteenth round,
# the same cross-validation on the 18 sets opened before hold16 (README "Fourteenth round"): skipping
# texts whose only death-words the lexicon masked as idioms or threats to the blackmailer (as the other
# nets do) raises 3.4 % of the idioms instead of 7.3 %, for 2 of the 1,275 risk texts the lexicon finds
# nothing in (0.981 -> 0.980). The same line holds on a request for someone else: the thirty-first round had
# raised it to 0.7 there, when the net never learnt a plain request for someone else as a text without risk
# and read "my son is being blackmailed with pictures, how do i help him" at 0.51. Since the thirty-second
# round it learns the opened sets' requests labelled without risk (bot/components/intent_classifier.py);
# leaving each opened set out in turn, of their requests for someone else it reads at 0.5 or above 0.988 of
# those at risk and 11.4 % of those without (before: 0.991 and 23.9 % at 0.5, 0.976 and 14.6 % at 0.7), and
# that request reads 0.18.
RISK_NET_CONCERN_PROBABILITY = 0.5
# The level net (LevelNetClassifier, fifteenth round) decides crisis or concern for a message already found
# at risk. Chosen by leaving each of the 20 opened sets out of its training in turn (README "Fifteenth
# round"; 4,887 risk texts): the possible signals read as a crisis 0.550 -> 0.229, the clear signals read as
# a crisis 0.897 -> 0.909, crisis false alarms on texts without risk 1.0 % -> 1.7 %, intent macro-F1
# 0.866 -> 0.876. A crisis the lexicon read in a plan, means, a self-harm act, a farewell or an explicit
# statement (want to die, kill myself, suicide) stays a crisis whatever the net says: those get the crisis
# line at once. Any other crisis below LEVEL_NET_CONCERN_BELOW becomes a concern (the assistant asks
# directly), and a concern at or above LEVEL_NET_CRISIS_FROM becomes a crisis (not on a text whose
# death-words the lexicon masked as an idiom).
LEVEL_NET_CONCERN_BELOW = 0.4
LEVEL_NET_CRISIS_FROM = 0.9
# Seventeenth round: the level net was trained on texts at risk only, so on a harmless message that one of
# the nets raised as a concern it reads any means word as a clear signal ("去海边玩", "the roof is leaking"
# became crises). A concern the lexicon did not read and the classifier did not rank `self_harm` first becomes
# a crisis only when the risk net is at least this sure it is at risk. Chosen by leaving each of the 23 opened
# sets out in turn (10,610 texts, README "Seventeenth round"): crisis false alarms on texts without risk
# 1.76 % -> 1.07 %, clear signals read as a crisis 0.9127 -> 0.9125, recall unchanged, intent macro-F1
# 0.881 -> 0.884 (0.7: 1.03 %, 0.9110; 0.8: 0.99 %, 0.9102; never: 0.87 %, 0.8803).
LEVEL_NET_ESCALATION_RISK_NET = 0.6
CLEAR_SIGNAL_FAMILIES = frozenset({"plan", "means", "self_harm", "farewell"})
# (round 17: "end_it_timed", ending it set for a time; round 19: "end_own_life", ending or taking one's own
# life; round 35: "should_die_round35_zh", people like me should just die; round 36:
# "better_off_dead_round36", they would be better off if I were dead, said with the death word)
EXPLICIT_SIGNAL_IDS = frozenset(
    {
        "suicide",
        "kill_myself",
        "want_to_die",
        "kill_myself_slang",
        "end_self",
        "end_it_timed",
        "end_own_life",
        "should_die_round35_zh",
        "better_off_dead_round36",
    }
)
# Below this, a `help_someone_else` read does not make a signal with no named subject someone else's: a
# suicidal texter told to help someone else is the worse mistake, so an unsure classifier leaves the
# texter's own reading ("炭和胶带都买好了 等我妈周末出差" read 0.47 for someone else; hold5 development set).
OTHER_READING_CONFIDENCE = 0.5
# A concern with no sure intent of its own keeps the classifier's best story intent at or above this
# (else `express_distress`). Seventh round, on dev4, hold4, hold5, hold6 and dev7: intent macro-F1
# 0.851 (always `express_distress`) -> 0.854 at 0.2 (0.853 at 0.25 and 0.15, 0.852 at 0.1 and 0).
CONCERN_STORY_PROBABILITY = 0.2
# Intents that carry no story of their own: a crisis signal in them IS the message.
CONTENTLESS_INTENTS = {
    "greet",
    "goodbye",
    "thank",
    "affirm",
    "deny",
    "out_of_scope",
    "nlu_fallback",
    "express_distress",
    "state_age",
    "bot_challenge",
    "choose_language",
    "request_human",
}


def triage_for(text: str, context: dict[str, Any]) -> tuple[dict[str, Any], CrisisFinding]:
    """The triage of one text before the classifier's opinion, and the crisis lexicon's finding.

    `context` is the message metadata from the connector: the texter's earlier language and script
    and their number's region; empty for a first message or a bare parse.
    """
    previous_script = context.get("script_hint")
    guess = detect_language(text, previous=context.get("language_hint"), previous_script=previous_script)
    script = script_in_context(text, guess.script, previous_script, context.get("region"))
    crisis = detect_crisis(text)
    age = detect_age(text)
    grooming = detect_grooming(text)
    triage = {
        "language": guess.language,
        "script": script,
        "crisis": crisis.is_crisis,
        "risk": crisis.risk,
        "risk_about": (crisis.about or "self") if crisis.risk != "none" else None,
        "minor": age.minor,
        "age": age.age,
        "grooming": grooming.grooming and age.minor,
        "grooming_signal": grooming.grooming,
        "meeting": grooming.meeting,
        "outing": grooming.outing,
        "story_intent": None,
    }
    return triage, crisis


def _set_intent(message: Message, name: str, confidence: float) -> None:
    """Puts `name` first in the intent and its ranking."""
    message.set(INTENT, {"name": name, "confidence": confidence}, add_to_output=True)
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != name]
    message.set(INTENT_RANKING_KEY, [{"name": name, "confidence": confidence}, *ranking], add_to_output=True)


def _probability(message: Message, name: str) -> float:
    """The classifier's probability of intent `name` (0 when outside its ranking)."""
    for candidate in message.get(INTENT_RANKING_KEY) or []:
        if candidate.get("name") == name:
            return float(candidate.get("confidence") or 0.0)
    return 0.0


def _runner_up(message: Message, *excluded: str) -> tuple[str, float]:
    """The best-ranked intent not in `excluded` and its probability (`express_distress`, 0 if none)."""
    for candidate in message.get(INTENT_RANKING_KEY) or []:
        if candidate.get("name") not in excluded:
            return candidate["name"], float(candidate.get("confidence") or 0.0)
    return EXPRESS_DISTRESS, 0.0


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class TriageAnnotator(StatelessComponent):
    def process_message(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        metadata = message.get("metadata")
        triage, finding = triage_for(text, metadata if isinstance(metadata, dict) else {})
        intent = message.get(INTENT) or {}
        name, confidence = intent.get("name"), float(intent.get("confidence") or 0.0)
        risk_net = float(message.get(RISK_NET) or 0.0)
        # asked, surely enough, on someone else's behalf: a signal with no subject named is theirs
        asked_for_other = name == HELP_SOMEONE_ELSE and confidence >= OTHER_READING_CONFIDENCE
        if asked_for_other and finding.about != "self":
            # asked for someone else: read "she says she cant go on" as theirs, with no relation named
            finding = detect_crisis(text, someone_else=True)
            _apply_finding(triage, finding)
        # the nets' second opinions are asked only where the lexicon found nothing, not even an idiom or a
        # threat to the blackmailer it masked
        # (twentieth round: nor where the message is only the texter's denial)
        nothing_found = (
            triage["risk"] == "none" and not finding.idioms and not denial_is_the_message(text, finding)
        )
        if menu_choice(text) and not triage["crisis"]:
            # A lone "2" has no intent of its own: the policy reads it against the open menu.
            _set_intent(message, NO_INTENT, 1.0)
        elif name == SELF_HARM and (idiom_only(finding) or denial_only(finding)):
            # "累死了", "scared to death": the lexicon saw only an idiom; the classifier alone is not enough.
            # Seventeenth round: nor where it saw only the texter's denial ("im not gonna hurt myself"), whose
            # death words are what the classifier read.
            # Very sure of itself, it still makes a possible signal: the assistant asks (concern).
            _set_intent(message, *_runner_up(message, SELF_HARM))
            if confidence >= IDIOM_OVERRIDE_CONFIDENCE:
                triage["risk"], triage["risk_about"] = "concern", "self"
        elif name == SELF_HARM and not finding.is_crisis and confidence < CLASSIFIER_CRISIS_CONFIDENCE:
            # the classifier alone, unsure, with no clear signal in the words: ask directly (concern net)
            triage["risk"] = "concern"
            triage["risk_about"] = _about(finding, text)
        elif name == SELF_HARM:
            triage["risk"] = "crisis"
            triage["risk_about"] = _about(finding, text)
        elif (
            nothing_found
            and _probability(message, SELF_HARM) >= CLASSIFIER_CONCERN_PROBABILITY
            and risk_net >= CLASSIFIER_CONCERN_RISK_NET
        ):
            # unsure, the classifier still sees self-harm in wording the lexicon lacks: ask directly
            triage["risk"] = "concern"
            triage["risk_about"] = _about(finding, text)
        elif (
            nothing_found
            and _probability(message, HELP_SOMEONE_ELSE) >= OTHER_RISK_HELP_PROBABILITY
            and float(message.get(OTHER_RISK) or 0.0) >= OTHER_RISK_CONCERN_PROBABILITY
            # someone else must be named (my son, 我個女): a child's own "網友說要帶我去他家" is not
            and named_subject(text) is not None
        ):
            # a parent or friend tells the signs in their own words ("she gave her guitar away"): ask
            triage["risk"], triage["risk_about"] = "concern", "other"
        elif nothing_found and risk_net >= RISK_NET_CONCERN_PROBABILITY:
            # wording like the possible signals of every opened set, which the lexicon lacks: ask
            triage["risk"] = "concern"
            triage["risk_about"] = "other" if asked_for_other else _about(finding, text)
        # a concern read in the words (the lexicon, or the classifier's first choice) or one the risk net is
        # sure of may become a crisis (LEVEL_NET_ESCALATION_RISK_NET)
        raised_surely = (
            finding.risk != "none" or name == SELF_HARM or risk_net >= LEVEL_NET_ESCALATION_RISK_NET
        )
        _settle_level(triage, finding, message.get(LEVEL_NET), raised_surely)
        if triage["risk"] != "none" and finding.about is None and asked_for_other:
            # "what do i do, she says there is no way out": no subject named, asked for someone else
            triage["risk_about"] = "other"
        triage["crisis"] = triage["risk"] == "crisis"
        _intent_for_risk(message, triage, finding)
        message.set(TRIAGE, triage, add_to_output=True)


def _settle_level(
    triage: dict[str, Any], finding: CrisisFinding, level: float | None, raised_surely: bool
) -> None:
    """Crisis or concern, by the level net, for a message already found at risk (see LEVEL_NET_*): a
    model trained before the net existed sets no `level_net` and keeps the level it read. A concern becomes a
    crisis only when it was `raised_surely` (LEVEL_NET_ESCALATION_RISK_NET)."""
    if level is None:
        return
    if triage["risk"] == "crisis" and level < LEVEL_NET_CONCERN_BELOW and not clear_signal(finding):
        triage["risk"] = "concern"
    elif (
        triage["risk"] == "concern"
        and level >= LEVEL_NET_CRISIS_FROM
        and not finding.idioms
        and raised_surely
    ):
        # not where the lexicon masked an idiom or a threat to the blackmailer, as for the other nets
        triage["risk"] = "crisis"


def clear_signal(finding: CrisisFinding) -> bool:
    """The lexicon read a plan, means, a self-harm act, a farewell or an explicit statement: a crisis
    whatever the level net says."""
    for signal in finding.signals:
        _, family, entry = signal.split(":", 2)
        if family in CLEAR_SIGNAL_FAMILIES or entry in EXPLICIT_SIGNAL_IDS:
            return True
    return False


def _intent_for_risk(message: Message, triage: dict[str, Any], finding: CrisisFinding) -> None:
    """The intent a risk makes: a crisis is `self_harm` (someone else's: `help_someone_else`) whatever
    story surrounds it; a concern the classifier read as `self_harm`, as distress, as nothing sure enough
    (`nlu_fallback`), or as help for someone else when it is the texter's own, is its best story intent
    (_story_or_distress), else the signal's own intent (_possible_signal_intent), or `help_someone_else`
    when it is someone else's. A replaced story intent is kept in `story_intent`."""
    intent = message.get(INTENT) or {}
    name, confidence = intent.get("name"), float(intent.get("confidence") or 0.0)
    other = triage["risk_about"] == "other"
    if triage["risk"] == "crisis":
        wanted = HELP_SOMEONE_ELSE if other else SELF_HARM
    elif triage["risk"] == "concern" and (
        name in {SELF_HARM, NO_INTENT, None, EXPRESS_DISTRESS} or (name == HELP_SOMEONE_ELSE and not other)
    ):
        # a possible signal with no clear intent of its own: its story, else the signal's intent (the policy
        # asks either way); round 19: so is the texter's own read as help for someone else
        # (cross-validated on hold17-hold22: intent macro-F1 0.8926 -> 0.8930)
        story = EXPRESS_DISTRESS if name == EXPRESS_DISTRESS else _story_or_distress(message)
        if other:
            wanted = HELP_SOMEONE_ELSE
        elif story == EXPRESS_DISTRESS:
            wanted = _possible_signal_intent(finding)
        else:
            wanted = story
    else:
        return
    if name == wanted:
        return
    if name and name not in CONTENTLESS_INTENTS | {SELF_HARM, HELP_SOMEONE_ELSE}:
        triage["story_intent"] = name
    _set_intent(message, wanted, 1.0 if name in CONTENTLESS_INTENTS | {None} else confidence)


def _story_or_distress(message: Message) -> str:
    """The intent of a concern the classifier read as `self_harm` or as nothing sure enough: its best
    story intent when that is at least CONCERN_STORY_PROBABILITY ("如果佢真係send俾我老細 我唔知會做啲乜"
    still asks about reporting), else `express_distress`. The policy asks the direct question either way;
    the story intent is what the labelled sets call such a message, and the path the talk goes on with."""
    name, probability = _runner_up(message, SELF_HARM, NO_INTENT, HELP_SOMEONE_ELSE)
    return name if probability >= CONCERN_STORY_PROBABILITY else EXPRESS_DISTRESS


def _possible_signal_intent(finding: CrisisFinding) -> str:
    """The intent of a possible signal about the texter that is the message's only content, as DESIGN.md's
    table reads it: `self_harm` ("expresses suicidal thoughts"; a passive wish, being a burden, a past
    attempt), except hopelessness with no death word, which is `express_distress` (fear, shame, panic
    "without a self-harm signal"). The lexicon's `hopeless` family is that hopelessness; a signal only the
    nets read is `self_harm`, unless the lexicon masked its death words as an idiom or a denial. The policy
    asks the direct question either way: it reads `risk`, not the intent (bot/policies/triage_policy.py).
    Thirty-fifth round, on the opened sets relabelled to that table (README "Thirty-fifth round"): intent
    macro-F1 0.940 -> 0.951 (before: always `express_distress`; 0.946 with a net-only signal as distress)."""
    families = {signal.split(":", 2)[1] for signal in (*finding.signals, *finding.concerns)}
    if not families and (finding.idioms or finding.denials):
        return EXPRESS_DISTRESS  # its death words were an idiom or a denial: only a sure classifier asks
    return EXPRESS_DISTRESS if families == {"hopeless"} else SELF_HARM


def _about(finding: CrisisFinding, text: str) -> str:
    """Whose risk the classifier's self_harm is: the lexicon's subject, else the relation the message
    names as its subject ("我表妹腿上都是美工刀划的伤"), else the texter's."""
    return finding.about or named_subject(text) or "self"


def _apply_finding(triage: dict[str, Any], finding: CrisisFinding) -> None:
    triage["crisis"] = finding.is_crisis
    triage["risk"] = finding.risk
    triage["risk_about"] = (finding.about or "self") if finding.risk != "none" else None


def idiom_only(finding: CrisisFinding) -> bool:
    """The text's only death-words were idioms the lexicon masked."""
    return not finding.is_crisis and bool(finding.idioms)


def denial_only(finding: CrisisFinding) -> bool:
    """The text's only death-words were a denial the lexicon masked ("我冇諗過自殺"), with no possible
    signal beside it."""
    return finding.risk == "none" and bool(finding.denials)


# Twentieth round: a denial with at most this much beside it is the whole message ("沒有 我沒有想傷害自己",
# "no im not suicidal"): the answer to "are you thinking about suicide?", not a new possible signal.
DENIAL_REST_WORDS = 3
DENIAL_REST_HAN = 4


def denial_is_the_message(text: str, finding: CrisisFinding) -> bool:
    """The texter's own denial in so many words is all the message says: the nets, which read the death
    words inside it, are not asked (a denial beside anything longer still is: "no, just so tired of it
    all" may be a possible signal)."""
    if not denial_only(finding):
        return False
    rest = normalise(text)
    for denial in finding.denials:
        rest = rest.replace(denial, " ")
    han = sum(1 for char in rest if is_han(char))
    words = len([word for word in rest.split() if word.isascii() and any(c.isalnum() for c in word)])
    return han <= DENIAL_REST_HAN and words <= DENIAL_REST_WORDS
