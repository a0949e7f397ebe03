"""The guidance paths (one step per message) and the numbered menu each response ends with.

A menu maps the digit the texter replies to a choice; the digits and their order here must match the
wording of the response (tests/actions/test_paths.py checks both against the domain).
"""

from __future__ import annotations

NEXT, COUNSELLOR, PAID, BACK, RESTART, STEPS, DELETE, KEEP, CONTINUE = (
    "next",
    "counsellor",
    "paid",
    "back",
    "restart",
    "steps",
    "delete",
    "keep",
    "continue",  # go on with the texter's path after an answer or a wait: the step after theirs
)
SUMMARY = "summary"  # the report pack (actions/report.py)

STEPS_THREAT = (
    "utter_step_stop_contact",
    "utter_step_no_pay",
    "utter_step_evidence",
    "utter_step_block_report",
    "utter_step_police",
    "utter_step_takedown",
    "utter_step_support",
)

PATHS: dict[str, tuple[str, ...]] = {
    "threat": ("utter_threat_reassure", *STEPS_THREAT),
    "should_pay": ("utter_should_pay_answer", *STEPS_THREAT),
    # Already paid (issue 14): the payment-side steps for their region come FIRST ({payment_route}: call
    # the bank or payment service now, the stop-payment route, keep receipts), then the rest.
    "paid": (
        "utter_paid_bank",
        "utter_paid_reassure",
        "utter_paid_no_more",
        "utter_step_stop_contact",
        "utter_step_evidence",
        "utter_step_block_report",
        "utter_step_police",
        "utter_step_takedown",
        "utter_step_support",
    ),
    "shared": (
        "utter_shared_reassure",
        "utter_shared_takedown",
        "utter_shared_report",
        "utter_shared_talk_to_people",
        "utter_shared_check_in",
    ),
    "app": (
        "utter_app_reassure",
        "utter_app_uninstall",
        "utter_app_passwords",
        "utter_app_warn_contacts",
        "utter_step_stop_contact",
        "utter_step_no_pay",
        "utter_step_evidence",
        "utter_step_police",
        "utter_step_support",
    ),
    "dating": (
        "utter_dating_reassure",
        "utter_dating_stop_paying",
        "utter_dating_evidence",
        "utter_dating_report",
    ),
    # A child (the texter is under 18): the essentials at once, then help, then the rest, in child words.
    "minor": (
        "utter_minor_first",
        "utter_minor_help",
        "utter_minor_block",
        "utter_minor_police",
        "utter_minor_last",
    ),
    # An outing threat (issue 15): the fear named without judgement, then every threat step.
    "outing": ("utter_outing_reassure", *STEPS_THREAT),
    "someone_else": (
        "utter_someone_else_intro",
        "utter_someone_else_steps",
        "utter_someone_else_child",
        "utter_someone_else_talk",
    ),
}

INTENT_PATHS = {
    "report_sextortion": "threat",
    "ask_should_pay": "should_pay",
    "already_paid": "paid",
    "content_shared": "shared",
    "malicious_app": "app",
    "dating_scam": "dating",
    "help_someone_else": "someone_else",
}

# Digit -> choice, per response. '0' is always "back" where a response offers it.
_STEP = {"1": NEXT, "2": COUNSELLOR, "3": PAID, "0": BACK}
_STEP_NO_PAID = {"1": NEXT, "2": COUNSELLOR, "0": BACK}
_LAST = {"1": COUNSELLOR, "2": RESTART}
_INFO = {"1": STEPS, "2": COUNSELLOR}

_CONTINUE = {"1": CONTINUE}
_MINOR_STEP = {"1": NEXT, "0": BACK}

MENUS: dict[str, dict[str, str]] = {
    "utter_threat_reassure": {"1": NEXT, "2": COUNSELLOR, "3": PAID},
    "utter_should_pay_answer": {"1": NEXT, "2": COUNSELLOR, "3": PAID},
    "utter_outing_reassure": {"1": NEXT, "2": COUNSELLOR, "3": PAID},
    "utter_grooming_first": {"1": NEXT},
    "utter_grooming_parent": {"1": NEXT},
    "utter_step_stop_contact": _STEP,
    "utter_step_no_pay": _STEP,
    "utter_step_evidence": _STEP,
    "utter_step_block_report": _STEP,
    "utter_step_police": {**_STEP, "4": SUMMARY},
    "utter_step_takedown": _STEP_NO_PAID,
    "utter_step_support": _LAST,
    "utter_paid_reassure": _STEP_NO_PAID,
    "utter_paid_bank": _STEP_NO_PAID,
    "utter_paid_no_more": _STEP_NO_PAID,
    "utter_shared_reassure": _STEP_NO_PAID,
    "utter_shared_takedown": _STEP_NO_PAID,
    "utter_shared_report": _STEP_NO_PAID,
    "utter_shared_talk_to_people": _STEP_NO_PAID,
    "utter_shared_check_in": _LAST,
    "utter_app_reassure": _STEP_NO_PAID,
    "utter_app_uninstall": _STEP_NO_PAID,
    "utter_app_passwords": _STEP_NO_PAID,
    "utter_app_warn_contacts": _STEP_NO_PAID,
    "utter_dating_reassure": _STEP_NO_PAID,
    "utter_dating_stop_paying": _STEP_NO_PAID,
    "utter_dating_evidence": _STEP_NO_PAID,
    "utter_dating_report": _LAST,
    "utter_someone_else_intro": _STEP_NO_PAID,
    "utter_someone_else_steps": _STEP_NO_PAID,
    "utter_someone_else_child": _STEP_NO_PAID,
    "utter_someone_else_talk": _LAST,
    "utter_police_info": {**_INFO, "3": SUMMARY},
    "utter_takedown_info": _INFO,
    "utter_privacy": _INFO,
    "utter_comfort": _INFO,
    "utter_age_thanks": _INFO,
    "utter_bot_challenge": {"1": COUNSELLOR},
    "utter_fallback_offer_person": {"1": COUNSELLOR},
    "utter_delete_confirm": {"1": DELETE, "2": KEEP},
    "utter_minor_first": {"1": NEXT},
    "utter_minor_help": _MINOR_STEP,
    "utter_minor_block": _MINOR_STEP,
    "utter_minor_police": _MINOR_STEP,
    "utter_minor_last": {"1": RESTART},
    "utter_minor_no_pay": _CONTINUE,
    "utter_no_pay_continue": _CONTINUE,
    "utter_handoff_waiting": _CONTINUE,
    "utter_handoff_no_counsellor": _CONTINUE,
    "utter_still_here": _CONTINUE,
    "utter_not_understood_continue": _CONTINUE,
    "utter_crisis_safe_plan": _CONTINUE,
    "utter_concern_no": _CONTINUE,
    "utter_concern_other": _CONTINUE,
}

# Responses that tell the texter a person will reply (the waiting reminder is not repeated with them).
TELLS_A_PERSON_WILL_REPLY = {
    "utter_handoff_waiting",
    "utter_handoff_no_counsellor",
    "utter_waiting_reminder",
    "utter_still_here",
    "utter_minor_first",
    "utter_minor_last",
    "utter_grooming_first",
    "utter_grooming_parent",
    "utter_crisis_ask",
    "utter_crisis_unsafe",
    "utter_crisis_other",
}

# Intents answered by one response (which may open a menu).
INTENT_REPLIES = {
    "express_distress": "utter_comfort",
    "ask_police_report": "utter_police_info",
    "ask_content_removal": "utter_takedown_info",
    "ask_privacy": "utter_privacy",
    "delete_my_data": "utter_delete_confirm",
    "bot_challenge": "utter_bot_challenge",
    "out_of_scope": "utter_out_of_scope",
    "thank": "utter_thank",
    "goodbye": "utter_goodbye",
    "greet": "utter_greet",
    "state_age": "utter_age_thanks",
}

CHILD_RELATIONS = {"son", "daughter", "child", "kid", "student", "brother", "sister"}


def restart_step(path: str) -> int:
    """Where "start again" goes: the first step after the reassurance; a child's essentials again; the
    money first again for someone who paid."""
    return 0 if path in ("minor", "paid") else 1


def path_steps(path: str, *, child: bool) -> tuple[str, ...]:
    """The responses of a path; the child-specific step only when the person helped is a child."""
    steps = PATHS[path]
    if path == "someone_else" and not child:
        return tuple(step for step in steps if step != "utter_someone_else_child")
    return steps
