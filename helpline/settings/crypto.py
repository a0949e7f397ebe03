"""Pseudonymous conversation ids and encryption at rest, both keyed by HELPLINE_SECRET_KEY.

A phone number never leaves the connector in clear: the conversation id is an HMAC of channel and
number (stable, not reversible without the key), and the number itself is stored Fernet-encrypted.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken


def _derive(secret_key: str, purpose: str) -> bytes:
    return hmac.new(secret_key.encode(), purpose.encode(), hashlib.sha256).digest()


def conversation_id(secret_key: str, channel: str, number: str) -> str:
    """A stable pseudonymous id for one texter on one channel (32 hex characters)."""
    key = _derive(secret_key, "conversation-id")
    digest = hmac.new(key, f"{channel}:{number}".encode(), hashlib.sha256).hexdigest()
    return digest[:32]


class Cipher:
    """Authenticated symmetric encryption for numbers and message bodies kept at rest."""

    def __init__(self, secret_key: str) -> None:
        self._fernet = Fernet(base64.urlsafe_b64encode(_derive(secret_key, "encryption-at-rest")))

    def encrypt(self, plain: str) -> str:
        return self._fernet.encrypt(plain.encode()).decode()

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken as error:
            raise ValueError("cannot decrypt: wrong HELPLINE_SECRET_KEY or corrupted value") from error


def web_chat_signature(secret_key: str, body: bytes) -> str:
    """The dashboard's signature on a web chat message it forwards to Rasa (`X-Helpline-Signature`)."""
    return hmac.new(_derive(secret_key, "web-chat-forward"), body, hashlib.sha256).hexdigest()


def web_chat_signature_valid(secret_key: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(web_chat_signature(secret_key, body), signature or "")
