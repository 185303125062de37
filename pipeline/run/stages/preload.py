"""Imported once by the process pool's fork server (`executors.PRELOAD`): loads the
extraction resources there, so every worker forked from it starts with them loaded. The
loaded objects are then frozen out of the garbage collector, whose passes would otherwise
touch (and so copy) every page a worker shares with the server."""
import atexit
import gc

from .work import warm

warm()
gc.freeze()
# let shutdown collect them again: frozen objects outlive the interpreter, and DuckDB's
# bindings then report every one of its objects as leaked
atexit.register(gc.unfreeze)
