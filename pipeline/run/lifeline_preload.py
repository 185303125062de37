"""Imported first by the process pool's fork server (`executors.LocalExecutor`): the fork
server dies with the `minutes` process that started it (see `lifeline`)."""
from .lifeline import die_with_parent

die_with_parent()
