"""Core of the helpline shared by the Rasa connector, the action server and the dashboard."""
