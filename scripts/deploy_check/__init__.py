"""`make deploy-check`: builds the project's image and runs the compose stack on this machine (issue 16).

One module per job: `report` (console progress, the log file, running commands), `engine` (Docker
installed and a private dockerd started and always stopped), `standins` (the base images the compose file
names, built offline), `image` (the project's image), `stack` (env file, override, up and down),
`checks` (what is sent through the proxy), `verify` (judging a run of messages), `main` (the order and
the exit codes). See deploy/DEPLOY-CHECK.md.
"""
