"""Imported once by the process pool's fork server (`executors.PRELOAD`): loads the
extraction resources there, so every worker forked from it starts with them loaded."""
from .work import warm

warm()
