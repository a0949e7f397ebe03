"""What the check sends through the proxy (https on loopback) and what must come back.

- Signed Twilio webhooks (signed as Twilio signs them: the public URL plus the path) get 200 and the
  expected TwiML replies; an unsigned one is refused.
- The dashboard answers `/healthz` and `/login`; Rasa's HTTP API is not reachable.
- Several texters write at once, each waiting for its reply as people do; one Rasa replica is stopped
  (`docker stop`) in the middle: every message is answered exactly once and stored once in the tracker
  store, nothing is lost and nothing answers 5xx (verify.py judges).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from xml.etree import ElementTree

import httpx

from dashboard.twilio_signing import inbound_form, new_message_sid, sign
from helpline.settings.crypto import conversation_id
from scripts.deploy_check.report import CheckFailed, Report
from scripts.deploy_check.stack import PUBLIC_URL, Stack
from scripts.deploy_check.verify import Sent, Verdict, verify_run

WEBHOOK = "/webhooks/twilio/webhook"
# (number, text, a fragment the reply must hold): the greetings the integration tests expect.
GREETINGS = [
    ("+447700900001", "hi", "not your fault"),
    ("+85291230001", "哈囉 你好呀 有冇人喺度", "喺度"),
    ("+8613812345678", "你好 请问有人在吗", "这不是你的错"),
]
# Rasa's HTTP API routes (and a way around the proxy's prefix): none may reach Rasa.
RASA_PATHS = [
    "/version",
    "/status",
    "/model/parse",
    "/conversations/someone/tracker",
    "/webhooks/rest/webhook",
    "/webhooks/twilio/%2E%2E/%2E%2E/version",
]
RUN_TEXTS = ["hi", "hello, is anyone there", "thank you", "ok", "what should I do", "thanks"]


@dataclass
class RunPlan:
    texters: int = 8
    minimum: int = 32  # messages per texter at least
    stop_after: int = 40  # messages sent (all texters) before the replica is stopped
    after_stop: int = 8  # messages per texter after the stop ended, at least
    cap: int = 200  # per texter: the stop never ending is a failure, not an endless run


@dataclass
class RunResult:
    sent: list[Sent] = field(default_factory=list)
    stop_began: int | None = None  # messages sent when `docker stop` began / ended
    stop_ended: int | None = None
    stop_seconds: float | None = None
    exit_code: int | None = None
    verdict: Verdict | None = None


def twiml_messages(response: httpx.Response) -> list[str]:
    if response.status_code != 200 or not response.headers.get("content-type", "").startswith("text/xml"):
        return []
    return [element.text or "" for element in ElementTree.fromstring(response.text).iter("Message")]


def signed_headers(auth_token: str, form: dict[str, str]) -> dict[str, str]:
    return {"X-Twilio-Signature": sign(auth_token, PUBLIC_URL + WEBHOOK, form)}


def hidden(response: httpx.Response) -> bool:
    """The proxy's answer is the dashboard's 404 (or its sign-in redirect), never Rasa's."""
    if response.status_code in (404, 405):
        return True
    return 300 <= response.status_code < 400 and "/login" in response.headers.get("location", "")


class Checks:
    def __init__(
        self, stack: Stack, report: Report, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.stack = stack
        self.report = report
        self.transport = transport  # tests answer the run of messages without a stack
        self.auth_token = stack.secrets["TWILIO_AUTH_TOKEN"]
        self.secret_key = stack.secrets["HELPLINE_SECRET_KEY"]

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.stack.base_url, verify=str(self.stack.cert), timeout=60)

    def webhooks(self) -> None:
        with self.client() as client:
            for number, text, fragment in GREETINGS:
                form = inbound_form("sms", number, text, new_message_sid())
                response = client.post(WEBHOOK, data=form, headers=signed_headers(self.auth_token, form))
                messages = twiml_messages(response)
                if response.status_code != 200 or not any(fragment in message for message in messages):
                    raise CheckFailed(
                        f"signed webhook {text!r}: {response.status_code}, {len(messages)} replies, "
                        f"none holding {fragment!r}"
                    )
                self.report.say(f"   signed webhook {text!r}: 200, reply holds {fragment!r}")
            form = inbound_form("sms", GREETINGS[0][0], "hi", new_message_sid())
            unsigned = client.post(WEBHOOK, data=form)
            if unsigned.status_code != 403:
                raise CheckFailed(f"an unsigned webhook was answered {unsigned.status_code}, not 403")
            self.report.say("   unsigned webhook: 403")

    def dashboard(self) -> None:
        with self.client() as client:
            for path in ("/healthz", "/login"):
                response = client.get(path)
                if response.status_code != 200:
                    raise CheckFailed(
                        f"the dashboard's {path} answered {response.status_code} through the proxy"
                    )
                self.report.say(f"   GET {path}: 200")
            for path in RASA_PATHS:
                for method in ("GET", "POST"):
                    response = client.request(method, path, json={"text": "hi"} if method == "POST" else None)
                    if not hidden(response):
                        raise CheckFailed(
                            f"{method} {path} answered {response.status_code}: Rasa's API may be public"
                        )
            self.report.say(f"   Rasa's API not reachable ({len(RASA_PATHS)} routes, GET and POST)")

    def replica_stop(self, plan: RunPlan | None = None) -> RunResult:
        plan = plan or RunPlan()
        replicas = self.stack.container_ids("rasa")
        if len(replicas) < 2:
            raise CheckFailed(f"{len(replicas)} Rasa replica(s) running; the check needs two")
        result = asyncio.run(self._run(plan, replicas[0]))
        self.report.say(
            f"   {len(result.sent)} messages from {plan.texters} texters; `docker stop` of one replica began "
            f"after message {result.stop_began} and ended after message {result.stop_ended} "
            f"(exit code {result.exit_code}, {result.stop_seconds or 0:.1f} s)"
        )
        if result.stop_ended is None:
            raise CheckFailed("the replica did not stop while messages were being sent")
        if result.exit_code == 137:
            raise CheckFailed("the stopped Rasa replica was killed (exit code 137): it ignored SIGTERM")
        stored = self.stack.tracker_messages()
        result.verdict = verify_run(result.sent, stored, self.stack.proxy_statuses())
        counts = sorted(set(result.verdict.per_conversation.values()))
        self.report.say(f"   tracker store: distinct texter messages per conversation {counts}")
        if not result.verdict.ok:
            raise CheckFailed("; ".join(result.verdict.problems))
        self.report.say("   every message answered once and stored once; nothing lost, no 5xx")
        return result

    async def _run(self, plan: RunPlan, replica: str) -> RunResult:
        result = RunResult()
        stop_task: asyncio.Task[None] | None = None

        async def stop() -> None:
            result.stop_began = len(result.sent)
            began = time.monotonic()
            result.exit_code = await asyncio.to_thread(self.stack.stop_container, replica)
            result.stop_seconds = time.monotonic() - began
            result.stop_ended = len(result.sent)

        async def texter(index: int, client: httpx.AsyncClient) -> None:
            nonlocal stop_task
            number = f"+4477009{index + 10:05d}"
            conversation = conversation_id(self.secret_key, "sms", number)
            count = after = 0
            while count < plan.cap:
                stopped = result.stop_ended is not None
                if count >= plan.minimum and stopped and after >= plan.after_stop:
                    return
                sid = new_message_sid()
                form = inbound_form("sms", number, RUN_TEXTS[count % len(RUN_TEXTS)], sid)
                try:
                    response = await client.post(
                        WEBHOOK, data=form, headers=signed_headers(self.auth_token, form)
                    )
                    status, replies = response.status_code, len(twiml_messages(response))
                except httpx.HTTPError as error:
                    self.report.log(f"texter {index}: no answer ({type(error).__name__})")
                    status, replies = 0, 0
                result.sent.append(Sent(conversation, sid, status, replies))
                count += 1
                after += 1 if stopped else 0
                if stop_task is None and len(result.sent) >= plan.stop_after:
                    stop_task = asyncio.create_task(stop())

        reach = {"transport": self.transport} if self.transport else {"verify": str(self.stack.cert)}
        async with httpx.AsyncClient(base_url=self.stack.base_url, timeout=60, **reach) as client:
            await asyncio.gather(*(texter(index, client) for index in range(plan.texters)))
        if stop_task is not None:
            await stop_task
        return result
