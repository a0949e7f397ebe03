"""The lock store the endpoints file configures (service/endpoints.py) keeps one conversation's turns
apart across replicas: tickets taken at the same instant by different servers are all distinct and all
kept, and finishing a turn never drops a ticket another server has just taken."""

from __future__ import annotations

import dataclasses
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from helpline.settings.config import Settings
from scripts.pgredis import Services
from service.endpoints import lock_store_config

pytestmark = pytest.mark.postgres

SERVERS = 6
TRIALS = 20


@pytest.fixture()
def lock_stores(settings: Settings, services: Services) -> list:
    """Independent lock stores (one per simulated server), built from the endpoints config as Rasa does."""
    from rasa.core.lock_store import LockStore
    from rasa.utils.endpoints import EndpointConfig

    config = lock_store_config(dataclasses.replace(settings, redis_url=services.redis.url()))
    assert config["type"] == "helpline.rasa_ext.lock_store.AtomicRedisLockStore", config  # not Rasa's own
    return [LockStore.create(EndpointConfig.from_dict(dict(config))) for _ in range(SERVERS)]


def test_the_configured_lock_store_is_shared(lock_stores: list) -> None:
    assert type(lock_stores[0]).__name__ != "InMemoryLockStore"


def test_race_tickets_taken_at_once_by_several_servers_are_distinct_and_kept(lock_stores: list) -> None:
    failures = []
    for trial in range(TRIALS):
        conversation = f"tickets-{trial}"
        barrier = threading.Barrier(SERVERS)

        def take(index: int, conversation: str = conversation, barrier: threading.Barrier = barrier) -> int:
            barrier.wait()
            return lock_stores[index].issue_ticket(conversation)

        with ThreadPoolExecutor(SERVERS) as pool:
            tickets = list(pool.map(take, range(SERVERS)))
        lock = lock_stores[0].get_lock(conversation)
        kept = sorted(ticket.number for ticket in lock.tickets) if lock else []
        if len(set(tickets)) != SERVERS or kept != sorted(tickets):
            failures.append((tickets, kept))
    assert not failures, f"{len(failures)}/{TRIALS} trials lost or duplicated tickets, e.g. {failures[0]}"


def test_race_finishing_a_turn_keeps_the_tickets_other_servers_take_meanwhile(lock_stores: list) -> None:
    failures = 0
    for trial in range(TRIALS):
        conversation = f"cleanup-{trial}"
        first = lock_stores[0].issue_ticket(conversation)
        barrier = threading.Barrier(SERVERS)

        def act(index: int, conversation: str, barrier: threading.Barrier, first: int) -> int | None:
            barrier.wait()
            if index == 0:  # this server finishes its turn while the others take tickets
                lock_stores[0].cleanup(conversation, first)
                return None
            return lock_stores[index].issue_ticket(conversation)

        with ThreadPoolExecutor(SERVERS) as pool:
            done = pool.map(lambda i: act(i, conversation, barrier, first), range(SERVERS))  # noqa: B023
            taken = [ticket for ticket in done if ticket is not None]
        lock = lock_stores[0].get_lock(conversation)
        kept = sorted(ticket.number for ticket in lock.tickets) if lock else []
        failures += kept != sorted(taken) or len(set(taken)) != len(taken)
    assert failures == 0, f"{failures}/{TRIALS} trials dropped or duplicated a waiting server's ticket"
