"""The ground floor every part of the helpline reads: its configuration from the environment (`config`),
the retention periods (`retention`), the secrets' cryptography (`crypto`: keyed pseudonymous ids, Fernet
at rest), the structured logs without message text or numbers (`logs`) and the one clock (`clock`).
Nothing here imports another part of the helpline."""
