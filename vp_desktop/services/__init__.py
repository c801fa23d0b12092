"""Application services: every use case that reads the journal and makes something leave it.

The window (``ui``) and the command line (``cli``) only collect input, call a service and show
its result. Each service owns, once, the gates of its output: the name check, the consent rule,
unfinished template spots, the output-path guard, the activity-log line (written before the
output appears) and the wording of every failure (:mod:`.errors`).
"""
