"""Judging a run of messages: every message answered exactly once, none lost, no 5xx.

Pure functions over what was sent (with the answers) and what the tracker store and the proxy's log
hold, so the judgement is tested on made-up runs without any container.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sent:
    conversation: str  # the texter's pseudonymous id (the tracker's sender_id)
    message_id: str  # the MessageSid the webhook carried
    status: int  # the proxy's answer (0: no answer at all)
    replies: int  # <Message> elements in the TwiML answer


@dataclass
class Verdict:
    problems: list[str] = field(default_factory=list)
    per_conversation: dict[str, int] = field(default_factory=dict)  # distinct texter messages stored

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_run(sent: list[Sent], stored: list[tuple[str, str]], proxy_statuses: list[int]) -> Verdict:
    """`stored`: (conversation, message id) of every texter message in the tracker store."""
    verdict = Verdict()
    five_xx = [item for item in sent if item.status >= 500]
    no_answer = [item for item in sent if item.status == 0]
    other = [item for item in sent if item.status not in (0, 200) and item.status < 500]
    silent = [item for item in sent if item.status == 200 and item.replies == 0]
    if five_xx:
        verdict.problems.append(
            f"{len(five_xx)} message(s) answered 5xx ({sorted({i.status for i in five_xx})})"
        )
    if no_answer:
        verdict.problems.append(f"{len(no_answer)} message(s) got no HTTP answer at all")
    if other:
        verdict.problems.append(
            f"{len(other)} message(s) answered {sorted({i.status for i in other})}, not 200"
        )
    if silent:
        verdict.problems.append(f"{len(silent)} message(s) answered 200 with no reply")
    proxy_5xx = [status for status in proxy_statuses if status >= 500]
    if proxy_5xx:
        verdict.problems.append(f"the proxy logged {len(proxy_5xx)} 5xx answer(s)")

    expected: dict[str, set[str]] = defaultdict(set)
    for item in sent:
        expected[item.conversation].add(item.message_id)
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for conversation, message_id in stored:
        if conversation in expected:
            found[conversation][message_id] += 1
    lost = duplicated = unexpected = 0
    for conversation, ids in expected.items():
        counts = found[conversation]
        lost += len(ids - set(counts))
        duplicated += sum(count - 1 for count in counts.values() if count > 1)
        unexpected += len(set(counts) - ids)
        verdict.per_conversation[conversation] = len(set(counts) & ids)
    if lost:
        verdict.problems.append(f"{lost} message(s) lost: not in the tracker store")
    if duplicated:
        verdict.problems.append(f"{duplicated} message(s) stored more than once (taken twice)")
    if unexpected:
        verdict.problems.append(f"{unexpected} stored message(s) the check never sent")
    return verdict
