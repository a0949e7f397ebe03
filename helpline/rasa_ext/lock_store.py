"""Rasa's Redis lock store with atomic ticket operations, safe with several Rasa servers.

Rasa 3.6's `RedisLockStore` changes a conversation's ticket lock with a GET, then a SET. Two servers
taking a ticket for the same conversation at the same instant both read the same lock, both write
it back with "their" new ticket: they get the same number, both are served at once, and one turn
overwrites the other in the tracker store (a texter's message disappears from the transcript). The
same happens when one server finishes a turn (GET, remove its ticket, SET or DELETE) while another
takes a ticket. Here every change is one optimistic Redis transaction (WATCH/MULTI/EXEC, retried
when the key changed meanwhile), so tickets are unique and none is lost. Keys and the stored format
are Rasa's own, so servers can be switched over one by one.

endpoints.yml:  lock_store: {type: helpline.rasa_ext.lock_store.AtomicRedisLockStore, url, port, db, password}
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from helpline import rasa_ext

Change = Callable[[TicketLock | None], tuple[TicketLock | None, Any]]


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        """Rasa builds custom lock stores with `endpoint_config`; keyword arguments work as for Redis."""
        rasa_ext.install()  # Rasa builds this store from an endpoints file: the extensions come with it
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    def _change(self, conversation_id: str, change: Change) -> Any:
        """Applies `change` to the stored lock atomically: it returns (lock to store or None, result)."""
        key = self.key_prefix + conversation_id

        def transaction(pipe: Any) -> Any:
            raw = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(raw)) if raw else None
            new_lock, result = change(lock)
            pipe.multi()
            if new_lock is None:
                pipe.delete(key)
            else:
                pipe.set(key, new_lock.dumps())
            return result

        return self.red.transaction(transaction, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def take(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, take)
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        def expire(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, expire)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self.cleanup(conversation_id, ticket_number)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Removes the finished ticket, and the lock itself when nobody else waits, in one step."""

        def finish(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._change(conversation_id, finish)
