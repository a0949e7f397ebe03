"""Persistence: the helpline database (`db`: every table, the dashboard's included; `migrate`: Alembic) and
one store per kind of record: contacts, inbound message ids (`dedup`, `inbound`), handoffs, blocked senders,
counsellor marks, report facts, counsellors' availability, and the scheduler's job leases. It builds on
`helpline.settings` only (and the content modules at the package root); what runs on a schedule or talks to
Twilio is in `helpline.jobs`."""
