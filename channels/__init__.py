"""The helpline's Twilio connector for SMS and WhatsApp, registered in bot/credentials.yml."""
