"""The deadline engine: the requirement registry, occurrences, waivers and reminders.

It imports no domain app. Each domain app declares its duties in its own ``requirements.py``
(discovered at start-up) and registers the hooks that tell the engine which committees to evaluate,
the fiscal calendar, who is responsible and who may waive; see ``deadlines.registry``.
"""
