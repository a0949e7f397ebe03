"""English risk wording, fourth round (issue 12): indirect families and their harmless look-alikes.

Wording written for these tests from public warning-sign statements (crisis lines' lists, see the
sources in bot/triage/lexicon/crisis.yml and data/nlu/en/real_risk.yml), not from the dev sets.
"""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis

CRISIS = [
    ("i have a plan and tonight is the night", "en:plan:plan_round4"),
    ("i wrote a note and left it on my desk", "en:plan:plan_round4"),
    ("nobody will have to deal with me after tonight", "en:plan:plan_round4"),
    ("i wont be a problem for anyone much longer", "en:plan:plan_round4"),
    ("can you look after my dog if anything happens to me", "en:farewell:farewell_round4"),
    ("i keep hoping something happens to me so this ends", "en:ideation:passive_round4"),
    ("i keep thinking about driving off the road", "en:ideation:passive_round4"),
    ("i got my dads gun out of the safe", "en:means:means_round4"),
    ("how long would it take to bleed out from my wrist", "en:plan:method_round4"),
    ("been hiding panadol in a shoebox under my bed for weeks", "en:plan:method_round4"),
    ("ok bye for real this time", "en:farewell:farewell_round4b"),
    ("i sorted out who gets my stuff, my xbox goes to my cousin", "en:farewell:farewell_round4b"),
    ("i made my best friend a playlist for after", "en:farewell:farewell_round4b"),
    ("if this goes out on friday thats it for me", "en:plan:conditional_round4"),
    ("the moment they post it im out permanently", "en:plan:conditional_round4"),
    ("i overdosed 2 years ago and tonight my head is going back there", "en:plan:past_attempt_now_round4"),
    ("the minute it goes up on my school page thats the end of me", "en:plan:ultimatum_round4"),
    ("ive worked out how im going to do it", "en:plan:ultimatum_round4"),
    ("i dont see myself being alive next week", "en:plan:ultimatum_round4"),
    ("sent him a pic of the rope so he knows im serious", "en:plan:ultimatum_round4"),
    ("sumpah rasa nak mati je sekarang", "en:ideation:manglish_round4"),
    ("baik aku mati je", "en:ideation:manglish_round4"),
    ("nobody needs to worry about me after this week", "en:farewell:closing_round4"),
    ("soon i wont be anyones problem", "en:farewell:closing_round4"),
    ("every time i stand on the mrt platform i think about stepping off", "en:farewell:closing_round4"),
]

CONCERN = [
    "i already have a plan for tonight",
    "it doesnt matter what happens to me anymore",
    "i deserve whatever happens to me",
    "i feel like such a drain on my parents",
    "all i do is cause my family problems and cost them money",
    "pulled out chunks of my hair since the threats started",
    "first time in weeks i feel calm, deleted all my socials",
    "dah bayar dia tapi still minta lagi, tak larat dah",
    "thats it from me",
    "wish i could sleep until this is over or forever",
    "i just want the voices in my head to stop",
]

# Someone else at risk, including "she'll" / "he'd" written without the apostrophe.
OTHER = [
    "my girlfriend said she'll be gone before anyone sees the pics",
    "my student said shed rather not be alive than face school",
    "my brother keeps asking me to look after his dog if anything happens to him",
    "my son left a letter on his bed and went out, hes not answering his phone",
    "my friend said she hopes a car hits her so she doesnt have to face anyone",
    "my boyfriend has his dads gun in his room and hes been blackmailed since monday",
    "my son got scammed and left his phone and wallet on his bed, hes not answering",
    "my friend keeps posting sad quotes about death on her story",
    "my friend said she made me a playlist for after. idk what it means",
    "my best friend sent me his passwords and said just in case then went offline",
    "my son has been hiding his pills in a sock",
    "my daughter told me youd all be better off without me, shes 14",
    "my classmate said shed rather not wake up tomorrow",
    "my sister is handing out her fav clothes to her friends",
    "my boyfriend keeps talking about how peaceful it would be to not exist",
]

NONE = [
    "my mum said she'd kill me if she found out",
    "my dad said he'll kill me when he sees this",
    "he'll post it tonight he said",
    "they'd send it to my whole family",
    "tonight is the night i tell my parents everything",
    "i have a plan to report him tomorrow",
    "we have a plan for the weekend",
    "i dont care what happens to him, hes a scammer",
    "my brother left his phone at home and went to football",
    "my son keeps talking about dying his hair blue",
    "i hope something good happens to me this year",
    "can you look after my dog this weekend",
    "i wrote a note to my teacher and left it on her desk",
    "i keep thinking about driving to the police station",
    "my parents sure kill me one if they find out",
    "bye for now, will text tmr",
    "im out permanently from that group chat",
    "if he texts again im jumping on a call with the police",
    "how many pills of panadol can i take for a fever",
    "that was a weight off my shoulders",
    "this exam will be the death of me",
    "i made a playlist for after the party",
    "i sent my mum my passwords just in case i lose my phone",
    "im handing out my old clothes to charity",
    "they asked for 100 dollars only, maybe just pay and end it right",
    "i already sent him 150 thinking it would end it but now hes asking for another 500",
    "im gonna beat the hell out of the kid who spread it",
    "i want to make him suffer like he made me suffer",
    "that test was so hard i wanted to jump out the window haha",
    "it would be nice to not be here for the family dinner",
    "i wonder what happens when you die in minecraft",
    "this is my last message to him, im blocking after",
    "dont worry about me, im fine",
    "you dont need to worry about me, i blocked him",
    "i wont be your problem, ill sort it myself",
]


@pytest.mark.parametrize(("text", "signal"), CRISIS)
def test_round4_crisis(text: str, signal: str) -> None:
    finding = detect_crisis(text)
    assert finding.is_crisis, (text, finding)
    assert signal in finding.signals, (text, finding.signals)


@pytest.mark.parametrize("text", CONCERN)
def test_round4_concern(text: str) -> None:
    assert detect_crisis(text).risk == "concern", (text, detect_crisis(text))


@pytest.mark.parametrize("text", OTHER)
def test_round4_someone_else(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none", (text, finding)
    assert finding.about == "other", (text, finding)


@pytest.mark.parametrize("text", NONE)
def test_round4_harmless(text: str) -> None:
    assert detect_crisis(text).risk == "none", (text, detect_crisis(text))


@pytest.mark.parametrize(
    "text",
    ["i want to jump out the window", "i want to make him suffer and then i want to die"],
)
def test_round4_anger_idioms_do_not_hide_a_signal(text: str) -> None:
    assert detect_crisis(text).is_crisis, text
