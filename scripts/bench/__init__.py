"""`python -m scripts.bench`: load, long-conversation and cold-start benchmark of the helpline.

Starts the helpline as `make run` does (service/serve.py on free ports, its own var dir), drives signed
Twilio webhooks at several concurrency levels, measures one long conversation, repeats the same load on a
bare `rasa init` assistant for comparison, profiles one message in-process, and writes
results/bench/report.{json,md} and latency.png. Timings depend on the machine and its load.
"""
