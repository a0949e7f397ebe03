"""TwiML answers for the messaging webhook."""

from __future__ import annotations

from xml.sax.saxutils import escape


def messaging_response(messages: list[str]) -> str:
    """`<Response>` with one escaped `<Message>` per text; an empty `<Response/>` for silence."""
    bodies = [text for text in (m.strip() for m in messages) if text]
    if not bodies:
        return '<?xml version="1.0" encoding="UTF-8"?><Response/>'
    inner = "".join(f"<Message>{escape(body)}</Message>" for body in bodies)
    return f'<?xml version="1.0" encoding="UTF-8"?><Response>{inner}</Response>'
