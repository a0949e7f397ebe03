"""Someone else at risk (issue 12): whose signal it is, signs seen in someone else, and the concern net.

Wording written for these tests from public warning-sign guidance (not from tests/nlu/dev3/).
"""

from __future__ import annotations

from typing import Any

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.components.triage import TriageAnnotator
from bot.triage.crisis import detect_crisis

# Their words, reported, or signs the texter sees: about someone else.
OTHER = [
    # English: reported speech with the pronouns shifted, a relation as subject, quoted first person
    "my nephew keeps saying he wishes he was never born and that hes a burden",
    "my mate told me he doesnt want to be here anymore",
    "our daughter said everyone would be better off without her",
    "my little sister said 'i want to kill myself'",
    "my cousin is sitting on the ledge of the car park and wont come down",
    "my wife locked herself in the bathroom and wont answer",
    "my 16 yo has fresh cuts on her wrists",
    "my boyfriend sent me a goodbye message at 3am and his phone is off",
    "my son has been giving away his games and saying he wont need them",
    "found a bottle of paracetamol stashed under my daughters bed",
    "she asked me how many tablets would be enough, shes my best friend",
    # Cantonese (Traditional)
    "我表妹成日話佢係家人嘅負累 冇咗佢會好啲",
    "我老公話佢唔想再生存落去",
    "我同學喺學校天台邊企咗好耐",
    "我個仔隻手有好多𠝹痕",
    "我家姐鎖咗自己喺廁所 點叫都冇反應",
    "我朋友喺IG限動寫咗多謝大家 對不起大家",
    "細佬問我食幾多粒藥會死",
    # Mandarin (Simplified)
    "我女儿说她不想活了",
    "室友说她活着没意思 想一了百了",
    "我弟弟手腕上有好多割伤",
    "我同事把自己反锁在厕所里 敲门也没反应",
    "她是我闺蜜 她在朋友圈说谢谢大家 以后不用为她操心了",
    # Mandarin (Traditional, Taiwan)
    "我兒子說他想跳樓",
    "我男友一直說他活著好累",
    "我妹妹把心愛的東西都送給同學了",
]

# The texter at risk, whoever else is named.
SELF = [
    "my friend tried to kill himself last year and now i want to die too",
    "he says hell send it to my friends, i want to die",
    "send it to my sister and i will kill myself",
    "佢話要send俾我屋企人睇 我想死",
    "我朋友自殺過 我而家都好想死",
    "他说要发给我同学 我不想活了",
    "我同學都話我冇用 我真係想死",
]

# Someone else named, no risk: a worried parent without a signal, idioms, anger at the extorter,
# the extorter's threats.
NONE = [
    "my daughter is being blackmailed but shes coping, how do we report it",
    "my son is dying to get his phone back",
    "my brother could kill the guy who did this",
    "he said im dead if i dont pay",
    "the blackmailer texted me 'youre dead'",
    "我個女俾人勒索 不過佢冇乜事 想問點報警",
    "我朋友話要劈死嗰條友",
    "佢話我唔俾錢就死梗",
    "我儿子被人敲诈了 我们想知道怎么报警",
    "他说不给钱我就死定了",
    "我弟弟笑死了 他说那个骗子好笨",
]


@pytest.mark.parametrize("text", OTHER)
def test_someone_elses_signal_is_theirs(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none", text
    assert finding.about == "other", (text, finding)


@pytest.mark.parametrize("text", SELF)
def test_the_texters_own_signal_stays_theirs(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.is_crisis, text
    assert finding.about == "self", (text, finding)


@pytest.mark.parametrize("text", NONE)
def test_no_risk_when_someone_else_is_only_named(text: str) -> None:
    assert detect_crisis(text).risk == "none", (text, detect_crisis(text))


@pytest.mark.parametrize(
    "text",
    [
        "my son hasnt been eating and stays in his room all day",
        "my daughter is so withdrawn and skipping school",
        "我個仔幾日冇食嘢 收埋自己",
        "我女儿最近不吃饭 也不跟人说话",
        "我兒子最近都不去上學 整天在房間哭",
    ],
)
def test_withdrawing_is_a_concern_about_them(text: str) -> None:
    finding = detect_crisis(text)
    assert (finding.risk, finding.about) == ("concern", "other"), (text, finding)


@pytest.mark.parametrize(
    "text",
    ["i havent been eating since he sent it", "我冇食嘢", "我不吃饭了 减肥"],
)
def test_the_signs_seen_in_someone_else_need_someone_else(text: str) -> None:
    assert "third_party" not in " ".join(detect_crisis(text).concerns + detect_crisis(text).signals), text


@pytest.mark.parametrize("text", ["he posted it and im not eating", "佢放咗上網 我冇食嘢"])
def test_the_texters_own_withdrawing_is_theirs(text: str) -> None:
    finding = detect_crisis(text)
    assert (finding.risk, finding.about) == ("concern", "self"), (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        "im finished if anyone at school sees this",
        "once the video gets out im done",
        "i could never face my parents again",
        "如果啲相真係放上網 我唔知點面對",
        "要是视频发出去 我这辈子就毁了",
        "如果影片流出 我就沒臉見人了",
    ],
)
def test_despair_tied_to_the_images_coming_out_is_at_least_a_concern(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk in ("concern", "crisis"), text
    assert finding.about == "self", (text, finding)


def parse(text: str, intent: str, confidence: float) -> Message:
    data: dict[str, Any] = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": [
            {"name": intent, "confidence": confidence},
            {"name": "express_distress", "confidence": 1 - confidence},
        ],
    }
    message = Message(data=data)
    TriageAnnotator().process_message(message)
    return message


@pytest.mark.parametrize(
    "text",
    [
        "what do i do, she keeps saying she cant go on",
        "佢成日話撐唔落去 我可以點幫佢",
        "她说她撑不下去了 我该怎么办",
    ],
)
def test_asked_for_someone_else_their_words_are_theirs(text: str) -> None:
    triage = parse(text, "help_someone_else", 0.9).get("triage")
    assert triage["risk"] != "none", text
    assert triage["risk_about"] == "other", text


def test_a_third_party_crisis_read_as_self_harm_becomes_help_for_someone_else() -> None:
    message = parse("我個女手臂有好多𠝹痕 仲話唔想活", "self_harm", 0.95)
    assert message.get("triage")["risk"] == "crisis"
    assert message.get("triage")["risk_about"] == "other"
    assert message.get("intent")["name"] == "help_someone_else"


def test_a_mixed_message_is_the_texters() -> None:
    message = parse("my friend tried, and i want to too. i want to die", "help_someone_else", 0.7)
    assert (message.get("triage")["risk"], message.get("triage")["risk_about"]) == ("crisis", "self")


def test_an_unsure_classifier_alone_asks_instead_of_raising_a_crisis() -> None:
    triage = parse("hi, i got this number from a friend", "self_harm", 0.3).get("triage")
    assert (triage["risk"], triage["crisis"], triage["risk_about"]) == ("concern", False, "self")


def test_a_sure_classifier_alone_is_still_a_crisis() -> None:
    triage = parse("nothing matters now, its all planned", "self_harm", 0.8).get("triage")
    assert (triage["risk"], triage["crisis"]) == ("crisis", True)


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("my nephew has been acting strange and wont look at anyone", "other"),
        ("我姪女最近成日唔出聲", "other"),
        ("我外甥最近很奇怪", "other"),
        ("i told my son everything and im not ok", "self"),
        ("nothing feels real anymore", "self"),
    ],
)
def test_the_classifier_alone_is_about_the_relation_the_message_speaks_of(text: str, about: str) -> None:
    triage = parse(text, "self_harm", 0.8).get("triage")
    assert (triage["risk"], triage["risk_about"]) == ("crisis", about), text
