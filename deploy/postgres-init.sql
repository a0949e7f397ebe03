-- The Rasa tracker store lives in its own database beside the helpline database.
CREATE DATABASE rasa OWNER helpline;
