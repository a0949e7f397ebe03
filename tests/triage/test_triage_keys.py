"""The parse's `triage` keys (DESIGN.md): risk, risk_about, crisis == (risk == "crisis"), grooming."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.components.intent_classifier import LEVEL_NET, OTHER_RISK, RISK_NET
from bot.components.triage import CLASSIFIER_CONCERN_PROBABILITY as CONCERN_LINE
from bot.components.triage import CLASSIFIER_CONCERN_RISK_NET as SECOND_OPINION_RISK_NET
from bot.components.triage import CONCERN_STORY_PROBABILITY as STORY_LINE
from bot.components.triage import LEVEL_NET_CONCERN_BELOW as LEVEL_CONCERN_LINE
from bot.components.triage import LEVEL_NET_CRISIS_FROM as LEVEL_CRISIS_LINE
from bot.components.triage import OTHER_RISK_CONCERN_PROBABILITY as OTHER_LINE
from bot.components.triage import RISK_NET_CONCERN_PROBABILITY as RISK_NET_LINE
from bot.components.triage import TriageAnnotator, triage_for
from bot.triage.crisis import detect_crisis

KEYS = {
    "language",
    "script",
    "crisis",
    "risk",
    "risk_about",
    "minor",
    "age",
    "grooming",
    "grooming_signal",
    "meeting",
    "outing",
    "story_intent",
}


def parse(text: str, intent: str | None = None, confidence: float = 0.6) -> Message:
    data: dict[str, Any] = {"text": text}
    if intent:
        data["intent"] = {"name": intent, "confidence": confidence}
        data["intent_ranking"] = [
            {"name": intent, "confidence": confidence},
            {"name": "express_distress", "confidence": 1 - confidence},
        ]
    message = Message(data=data)
    TriageAnnotator().process_message(message)
    return message


@pytest.mark.parametrize("text", ["hello", "i want to die", "我好攰唔想再撐", "my son wants to die", ""])
def test_every_parse_carries_the_keys(text: str) -> None:
    triage, _ = triage_for(text, {})
    assert set(triage) == KEYS
    assert triage["crisis"] == (triage["risk"] == "crisis")
    assert triage["grooming"] is False  # none of these texts is about grooming
    assert (triage["risk_about"] is None) == (triage["risk"] == "none")


@pytest.mark.parametrize(
    ("text", "intent", "risk", "about", "final_intent"),
    [
        ("hi", "greet", "none", None, "greet"),
        ("i want to die", "express_distress", "crisis", "self", "self_harm"),
        ("I can't go on like this", "express_distress", "concern", "self", "express_distress"),
        ("好攰唔想再撐", "express_distress", "concern", "self", "express_distress"),
        ("my friend said she wants to kill herself", "out_of_scope", "crisis", "other", "help_someone_else"),
        ("my friend said she wants to kill herself", "self_harm", "crisis", "other", "help_someone_else"),
        ("佢話佢想死", "express_distress", "crisis", "other", "help_someone_else"),
        # no subject named, asked on someone else's behalf
        ("no way out, thats what she wrote", "help_someone_else", "concern", "other", "help_someone_else"),
        # the classifier alone is a crisis about the texter
        ("everything is grey", "self_harm", "crisis", "self", "self_harm"),
        # an idiom alone does not stand against a hesitant classifier
        ("累死了", "self_harm", "none", None, "express_distress"),
    ],
)
def test_levels_and_subject(text: str, intent: str, risk: str, about: str | None, final_intent: str) -> None:
    message = parse(text, intent)
    triage = message.get("triage")
    assert set(triage) == KEYS
    assert (triage["risk"], triage["risk_about"]) == (risk, about), (text, triage)
    assert triage["crisis"] == (risk == "crisis")
    assert message.get("intent")["name"] == final_intent


def test_a_sure_classifier_on_an_idiom_alone_makes_a_concern() -> None:
    message = parse("想死你们了哈哈，我又来了", "self_harm", 0.95)
    triage = message.get("triage")
    assert (triage["risk"], triage["crisis"], triage["risk_about"]) == ("concern", False, "self")
    assert message.get("intent")["name"] == "express_distress"


def test_a_hesitant_classifier_on_an_idiom_alone_is_nothing() -> None:
    message = parse("im a dead man lol", "self_harm", 0.6)
    assert message.get("triage")["risk"] == "none"


@pytest.mark.parametrize("text", ["pls dont worry im not gonna hurt myself", "我冇諗過自殺 只係好嬲"])
def test_a_classifier_reading_a_denial_alone_is_no_crisis(text: str) -> None:
    """Seventeenth round: the classifier's self_harm on a texter's own denial is the denied words it read;
    as for an idiom, only a very sure classifier still makes a possible signal (the assistant asks)."""
    assert parse(text, "self_harm", 0.75).get("triage")["risk"] == "none"
    assert parse(text, "self_harm", 0.95).get("triage")["risk"] == "concern"


def test_a_signal_beside_a_denial_is_still_a_crisis() -> None:
    assert parse("im not suicidal but i want to die", "self_harm", 0.75).get("triage")["risk"] == "crisis"


def ranked(text: str, ranking: list[tuple[str, float]], **extra: Any) -> Message:
    """A parse whose classifier ranking is `ranking` (first = the intent), with `extra` keys (e.g. the
    someone-else probability), through the annotator."""
    name, confidence = ranking[0]
    message = Message(
        data={
            "text": text,
            "intent": {"name": name, "confidence": confidence},
            "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
            **extra,
        }
    )
    TriageAnnotator().process_message(message)
    return message


def test_a_crisis_inside_a_story_is_self_harm_and_keeps_the_story_intent() -> None:
    message = ranked(
        "he sent the video to my friends, i want to die", [("content_shared", 0.8), ("self_harm", 0.2)]
    )
    triage = message.get("triage")
    assert (triage["risk"], triage["risk_about"]) == ("crisis", "self")
    assert message.get("intent")["name"] == "self_harm"
    assert triage["story_intent"] == "content_shared"
    assert [r["name"] for r in message.get("intent_ranking")][:2] == ["self_harm", "content_shared"]


def test_someone_elses_crisis_inside_a_story_is_help_someone_else() -> None:
    message = ranked("my son paid him twice and now says he wants to die", [("already_paid", 0.7)])
    assert message.get("triage")["risk_about"] == "other"
    assert message.get("intent")["name"] == "help_someone_else"
    assert message.get("triage")["story_intent"] == "already_paid"


def test_a_story_without_risk_keeps_its_intent() -> None:
    message = ranked("he wants 500 usd or he posts it", [("report_sextortion", 0.9), ("self_harm", 0.01)])
    assert message.get("intent")["name"] == "report_sextortion"
    assert message.get("triage")["story_intent"] is None
    assert message.get("triage")["risk"] == "none"


def test_the_classifiers_second_opinion_on_self_harm_makes_a_concern() -> None:
    # no word of the lexicon, another intent first, but self_harm well above the concern line
    message = ranked(
        "i just want everything to stop", [("express_distress", 0.6), ("self_harm", CONCERN_LINE + 0.05)]
    )
    triage = message.get("triage")
    assert (triage["risk"], triage["risk_about"], triage["crisis"]) == ("concern", "self", False)
    assert message.get("intent")["name"] == "express_distress"


def test_a_low_self_harm_probability_is_no_signal() -> None:
    message = ranked("when can i report it", [("ask_police_report", 0.9), ("self_harm", CONCERN_LINE / 2)])
    assert message.get("triage")["risk"] == "none"


def test_the_second_opinion_never_reads_an_idiom_as_a_concern() -> None:
    message = ranked("笑死 佢以為我會俾錢", [("out_of_scope", 0.6), ("self_harm", 0.35)])
    assert message.get("triage")["risk"] == "none"


def test_an_unsure_self_harm_read_is_a_concern_with_the_signals_intent() -> None:
    """Thirty-fifth round: a possible signal whose only content is the signal is `self_harm`, as DESIGN.md's
    intent table reads it; the risk (concern) is what makes the assistant ask."""
    message = ranked("everything is grey", [("self_harm", 0.35), ("express_distress", 0.3)])
    triage = message.get("triage")
    assert (triage["risk"], triage["crisis"]) == ("concern", False)
    assert message.get("intent")["name"] == "self_harm"


@pytest.mark.parametrize("text", ["there's no way out of this", "我真的撑不下去了"])
def test_hopelessness_alone_is_distress(text: str) -> None:
    """Hopelessness without a death word is `express_distress` (DESIGN.md: "without a self-harm signal"),
    whether the classifier read it as self-harm or as distress."""
    for ranking in ([("self_harm", 0.35), ("express_distress", 0.3)], [("express_distress", 0.8)]):
        message = ranked(text, ranking, **{LEVEL_NET: 0.1})
        assert message.get("triage")["risk"] == "concern"
        assert message.get("intent")["name"] == "express_distress"


@pytest.mark.parametrize(
    "text",
    [
        "i just wish i could go to sleep and not wake up",
        "all i ever do is disappoint my parents",
        "我係屋企最大嘅負擔",
        "如果我消失了 他们会不会开心一点",
    ],
)
def test_a_passive_wish_or_a_burden_read_as_distress_is_self_harm(text: str) -> None:
    """A wish not to wake up or to vanish, or being a burden, is a self-harm signal (DESIGN.md), whose
    message is `self_harm` even where the classifier read distress (the lexicon's `ideation` family since
    the thirty-fifth round, no longer `hopeless`)."""
    message = ranked(text, [("express_distress", 0.8)], **{LEVEL_NET: 0.1})
    assert message.get("triage")["risk"] == "concern"
    assert message.get("intent")["name"] == "self_harm"


def test_an_unsure_self_harm_read_keeps_a_clear_story_intent() -> None:
    # the concern is still asked (risk), and the talk goes on with what the message asks
    message = ranked(
        "paid him twice and everything is grey", [("self_harm", 0.35), ("already_paid", STORY_LINE + 0.05)]
    )
    assert message.get("triage")["risk"] == "concern"
    assert message.get("intent")["name"] == "already_paid"


def test_a_concern_whose_story_is_below_the_line_is_the_signals_intent() -> None:
    message = ranked(
        "everything is grey",
        [("nlu_fallback", 0.25), ("self_harm", 0.24), ("ask_police_report", STORY_LINE - 0.05)],
        **{RISK_NET: SECOND_OPINION_RISK_NET},
    )
    assert message.get("triage")["risk"] == "concern"
    assert message.get("intent")["name"] == "self_harm"


@pytest.mark.parametrize(
    ("risk_net", "risk"), [(SECOND_OPINION_RISK_NET - 0.01, "none"), (SECOND_OPINION_RISK_NET, "concern")]
)
def test_the_second_opinion_needs_the_risk_nets_say(risk_net: float, risk: str) -> None:
    # twentieth round: self_harm second to a story intent, on wording the risk net finds nothing in (a
    # ticket question, a school year), is no possible signal by itself
    message = ranked(
        "where can i still buy concert tickets",
        [("out_of_scope", 0.3), ("self_harm", CONCERN_LINE + 0.05)],
        **{RISK_NET: risk_net},
    )
    assert message.get("triage")["risk"] == risk


@pytest.mark.parametrize("text", ["沒有 我沒有想傷害自己", "no im not suicidal", "我冇諗過自殺"])
def test_a_denial_that_is_the_whole_message_asks_no_net(text: str) -> None:
    # the answer to "are you thinking about suicide?": the nets read the death words inside the denial
    message = ranked(text, [("deny", 0.7), ("self_harm", 0.3)], **{RISK_NET: 0.9})
    assert message.get("triage")["risk"] == "none"


def test_a_denial_beside_more_words_still_asks_the_nets() -> None:
    message = ranked(
        "no im not suicidal, just so tired of everyone and everything lately",
        [("deny", 0.5), ("express_distress", 0.3)],
        **{RISK_NET: 0.9},
    )
    finding = detect_crisis(message.get("text"))
    assert finding.denials and finding.risk == "none"
    assert message.get("triage")["risk"] == "concern"


@pytest.mark.parametrize(
    ("ranking", "final_intent"),
    [
        ([("help_someone_else", 0.45), ("express_distress", 0.3)], "express_distress"),
        ([("help_someone_else", 0.45), ("already_paid", STORY_LINE + 0.05)], "already_paid"),
    ],
)
def test_the_texters_own_concern_read_as_help_for_someone_else_is_their_story_or_distress(
    ranking: list[tuple[str, float]], final_intent: str
) -> None:
    """Nineteenth round: a possible signal about the texter themself is not a request to help someone
    else (in cross-validation on hold17-hold22, 10 such texts); its story intent, else distress, as for
    self_harm."""
    message = ranked("I can't go on like this", ranking)
    triage = message.get("triage")
    assert (triage["risk"], triage["risk_about"]) == ("concern", "self")
    assert message.get("intent")["name"] == final_intent


def asked_for_someone_else(text: str, other_risk: float) -> Message:
    return ranked(text, [("help_someone_else", 0.8)], **{OTHER_RISK: other_risk})


def test_someone_else_at_risk_in_words_the_lexicon_lacks_is_a_concern_about_them() -> None:
    message = asked_for_someone_else(
        "my roommate gave his guitar away and paid back everyone", OTHER_LINE + 0.1
    )
    triage = message.get("triage")
    assert (triage["risk"], triage["risk_about"], triage["crisis"]) == ("concern", "other", False)
    assert message.get("intent")["name"] == "help_someone_else"


def test_a_low_someone_else_probability_is_no_signal() -> None:
    message = asked_for_someone_else("my son is being blackmailed, what do we do", OTHER_LINE - 0.2)
    assert message.get("triage")["risk"] == "none"


def test_the_someone_else_net_never_reads_an_idiom() -> None:
    message = asked_for_someone_else("我闺蜜笑死了 她说骗子好蠢", 0.95)
    assert message.get("triage")["risk"] == "none"


@pytest.mark.parametrize(
    ("text", "about", "final_intent"),
    [
        ("I can't go on like this", "self", "express_distress"),
        ("好攰唔想再撐", "self", "express_distress"),
        ("no way out, thats what my sister wrote", "other", "help_someone_else"),
    ],
)
def test_a_concern_with_no_sure_intent_is_asked_as_distress(text: str, about: str, final_intent: str) -> None:
    message = parse(text, "nlu_fallback", confidence=0.25)
    triage = message.get("triage")
    assert (triage["risk"], triage["risk_about"]) == ("concern", about), triage
    assert message.get("intent")["name"] == final_intent


def test_a_fallback_without_risk_stays_a_fallback() -> None:
    message = parse("the weather in macau", "nlu_fallback", confidence=0.2)
    assert message.get("triage")["risk"] == "none"
    assert message.get("intent")["name"] == "nlu_fallback"


def test_an_unsure_someone_else_read_leaves_a_subjectless_crisis_the_texters() -> None:
    """A suicidal texter told to help someone else is the worse mistake: below the line, the classifier's
    `help_someone_else` does not make a signal with no named subject someone else's."""
    from bot.components.triage import OTHER_READING_CONFIDENCE

    text = "炭和胶带都买好了 藏在床底下"
    unsure = parse(text, "help_someone_else", confidence=OTHER_READING_CONFIDENCE - 0.05)
    sure = parse(text, "help_someone_else", confidence=OTHER_READING_CONFIDENCE + 0.2)
    assert (unsure.get("triage")["risk"], unsure.get("triage")["risk_about"]) == ("crisis", "self")
    assert (sure.get("triage")["risk"], sure.get("triage")["risk_about"]) == ("crisis", "other")


def test_the_someone_else_net_reads_a_second_ranked_request_for_someone_else() -> None:
    """A parent's long story often ranks a story intent first; a `help_someone_else` probability of at
    least the gate still lets OtherRiskClassifier's reading count."""
    from bot.components.triage import OTHER_RISK_HELP_PROBABILITY as GATE

    text = "my son just sits in the dark since the pics, not like him at all"
    second = ranked(
        text,
        [("report_sextortion", 0.5), ("help_someone_else", GATE + 0.05)],
        **{OTHER_RISK: OTHER_LINE + 0.05},
    )
    below = ranked(text, [("report_sextortion", 0.7), ("help_someone_else", GATE - 0.1)], **{OTHER_RISK: 0.9})
    assert (second.get("triage")["risk"], second.get("triage")["risk_about"]) == ("concern", "other")
    assert below.get("triage")["risk"] == "none"


def test_the_someone_else_net_needs_someone_else_named() -> None:
    """A child's own message about a stranger ("網友" is no relation) is read for grooming, not as a concern
    about someone else, however the classifiers score it."""
    message = ranked(
        "我國二 網友說放學要在校門口等我 帶我去他家",
        [("help_someone_else", 0.48), ("report_sextortion", 0.33)],
        **{OTHER_RISK: OTHER_LINE + 0.3},
    )
    assert message.get("triage")["risk"] == "none"
    assert message.get("triage")["grooming"] is True


def test_the_risk_nets_reading_of_wording_nothing_else_found_is_a_concern() -> None:
    """The risk net (RiskNetClassifier) learnt the opened sets' possible signals: on a text the lexicon
    and the intent classifier found nothing in, a probability at the line makes the assistant ask; the
    story intent stays."""
    text = "sorted out who takes my rabbit and my bank card is with my sister, anyway how do i report him"
    story = [("ask_police_report", 0.8), ("report_sextortion", 0.1)]
    at_line = ranked(text, story, **{RISK_NET: RISK_NET_LINE})
    below = ranked(text, story, **{RISK_NET: RISK_NET_LINE - 0.05})
    assert (at_line.get("triage")["risk"], at_line.get("triage")["risk_about"]) == ("concern", "self")
    assert at_line.get("triage")["crisis"] is False
    assert at_line.get("intent")["name"] == "ask_police_report"
    assert below.get("triage")["risk"] == "none"


def test_the_risk_net_reads_someone_elses_risk_as_theirs() -> None:
    asked = ranked(
        "my cousin has been sleeping all day and skipping meals since the video",
        [("help_someone_else", 0.8)],
        **{RISK_NET: 0.9},
    )
    named = ranked(
        "my cousin has been sleeping all day and skipping meals since the video",
        [("report_sextortion", 0.6)],
        **{RISK_NET: 0.9},
    )
    assert (asked.get("triage")["risk"], asked.get("triage")["risk_about"]) == ("concern", "other")
    assert (named.get("triage")["risk"], named.get("triage")["risk_about"]) == ("concern", "other")


def test_on_a_request_for_someone_else_the_risk_net_asks_about_them_at_its_line() -> None:
    """A parent asking how to help is asked about their child's safety only when the risk net reads a risk
    (it learns the opened sets' plain requests as texts without risk), and then about the child."""
    text = "my son is being blackmailed with pictures, how do i help him"
    middling = ranked(text, [("help_someone_else", 0.99)], **{RISK_NET: RISK_NET_LINE - 0.05})
    sure = ranked(text, [("help_someone_else", 0.99)], **{RISK_NET: RISK_NET_LINE})
    assert middling.get("triage")["risk"] == "none"
    assert middling.get("intent")["name"] == "help_someone_else"
    assert (sure.get("triage")["risk"], sure.get("triage")["risk_about"]) == ("concern", "other")


def test_the_risk_net_leaves_a_death_word_idiom_alone() -> None:
    """A text whose only death-word the lexicon masked as an idiom or a threat to the blackmailer is not
    raised by the risk net alone, as by the other nets (it once read anger at the blackmailer as risk)."""
    message = ranked(
        "so tired im dead lol, can u tell me how to report the account",
        [("ask_police_report", 0.8)],
        **{RISK_NET: 0.9},
    )
    assert detect_crisis(message.get("text")).idioms
    assert message.get("triage")["risk"] == "none"


def test_the_risk_net_never_lowers_a_clear_signal() -> None:
    message = ranked("i took all my pills an hour ago", [("self_harm", 0.9)], **{RISK_NET: 0.0})
    assert message.get("triage")["risk"] == "crisis"


# The level net (fifteenth round): crisis or concern for a message already found at risk.
PASSIVE_WISH = "i wish i could fall asleep and not wake up"


def test_the_level_net_makes_a_passive_wish_a_concern_asked_directly() -> None:
    """A passive wish the lexicon reads as a crisis, which the level net finds a possible signal: the
    assistant asks directly (concern); the intent is the signal's (`self_harm`) either way."""
    below = ranked(
        PASSIVE_WISH,
        [("self_harm", 0.9), ("express_distress", 0.05)],
        **{LEVEL_NET: LEVEL_CONCERN_LINE - 0.01},
    )
    at_line = ranked(
        PASSIVE_WISH, [("self_harm", 0.9), ("express_distress", 0.05)], **{LEVEL_NET: LEVEL_CONCERN_LINE}
    )
    assert detect_crisis(PASSIVE_WISH).is_crisis
    assert (below.get("triage")["risk"], below.get("triage")["crisis"]) == ("concern", False)
    assert below.get("intent")["name"] == "self_harm"
    assert (at_line.get("triage")["risk"], at_line.get("intent")["name"]) == ("crisis", "self_harm")


def test_a_concern_about_someone_else_stays_theirs() -> None:
    message = ranked(
        "my wife keeps saying everyone would be better off without her",
        [("help_someone_else", 0.9)],
        **{LEVEL_NET: 0.1},
    )
    triage = message.get("triage")
    assert (triage["risk"], triage["risk_about"], message.get("intent")["name"]) == (
        "concern",
        "other",
        "help_someone_else",
    )


@pytest.mark.parametrize(
    "text",
    [
        "i took all my pills an hour ago",  # means
        "i just want to die",  # explicit
        "he says my daughter should kill herself",  # explicit, someone else's
        "i want to kill myself if he posts it",  # explicit with a condition
    ],
)
def test_the_level_net_never_lowers_means_a_plan_an_act_a_farewell_or_an_explicit_statement(
    text: str,
) -> None:
    message = ranked(text, [("self_harm", 0.9)], **{LEVEL_NET: 0.0})
    assert detect_crisis(text).is_crisis
    assert message.get("triage")["risk"] == "crisis"


def test_the_level_net_makes_a_sure_clear_signal_in_new_wording_a_crisis() -> None:
    """Wording the lexicon lacks, raised only as a concern by the risk net, which the level net finds a
    clear signal: the crisis path (the crisis line at once)."""
    text = "gave my camera and lenses to my apprentice today, he asked if im quitting"
    story = [("out_of_scope", 0.6), ("self_harm", 0.05)]
    sure = ranked(text, story, **{RISK_NET: 0.9, LEVEL_NET: LEVEL_CRISIS_LINE})
    unsure = ranked(text, story, **{RISK_NET: 0.9, LEVEL_NET: LEVEL_CRISIS_LINE - 0.01})
    assert detect_crisis(text).risk == "none"
    assert (sure.get("triage")["risk"], sure.get("triage")["crisis"], sure.get("intent")["name"]) == (
        "crisis",
        True,
        "self_harm",
    )
    assert unsure.get("triage")["risk"] == "concern"


def test_the_level_net_raises_a_nets_concern_only_when_the_risk_net_is_sure() -> None:
    """Seventeenth round: a harmless message one of the nets raised as a concern, with a means word the level
    net reads as a clear signal ("去海边玩"), stays a concern unless the risk net is sure it is at risk."""
    text = "去海边玩"
    story = [("out_of_scope", 0.6), ("self_harm", 0.13)]
    unsure = ranked(text, story, **{RISK_NET: 0.55, LEVEL_NET: 0.99})
    sure = ranked(text, story, **{RISK_NET: 0.65, LEVEL_NET: 0.99})
    assert detect_crisis(text).risk == "none"
    assert unsure.get("triage")["risk"] == "concern"
    assert sure.get("triage")["risk"] == "crisis"


def test_the_level_net_never_raises_an_idiom_to_a_crisis() -> None:
    message = ranked(
        "so tired im dead lol, my boss wants the report", [("self_harm", 0.95)], **{LEVEL_NET: 0.99}
    )
    assert message.get("triage")["risk"] == "concern"  # the idiom override's concern, not a crisis


def test_a_model_without_the_level_net_keeps_its_level() -> None:
    message = ranked(PASSIVE_WISH, [("self_harm", 0.9)])
    assert message.get("triage")["risk"] == "crisis"
    assert (
        ranked("how do i report him", [("ask_police_report", 0.9)], **{LEVEL_NET: 0.99}).get("triage")["risk"]
        == "none"
    )
