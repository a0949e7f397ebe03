"""What the helpline does outside the reply to a webhook: messages to a texter that answer no webhook
(`outbound`: counsellor replies, late turns, check-ins), the check-in and survey follow-up (`followup`),
erasure on the texter's request (`erasure`), deleting message records and media at Twilio
(`twilio_cleanup`, a worker) and the scheduled retention purge (`purge`). Scheduled jobs run through
`helpline.store.scheduler`, once across replicas. Builds on `helpline.store` and `helpline.settings`."""
