"""Channels: adapters that speak one wire format each (twilio_channel, web_channel), registered in
bot/credentials.yml, and the one inbound pipeline they all call (pipeline.py)."""
