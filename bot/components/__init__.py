"""Custom Rasa NLU graph components (registered with DefaultV1Recipe, referenced in bot/config.yml)."""
