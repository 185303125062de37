"""Worker processes die with the process that started them.

A pool's workers are forked by the fork server, which the `minutes` process started. If
`minutes` is killed (SIGKILL, an OOM kill, a closed terminal), nothing would tell them:
they wait on their task queue for good, holding the word lists and the spaCy pipeline
(about 580 MB). So each of them, and the fork server, asks the kernel for a signal when
its parent dies (Linux `prctl(PR_SET_PDEATHSIG)`); elsewhere a daemon thread watches the
parent's pid. SIGTERM to `minutes` itself is turned into an orderly stop by the CLI, which
stops the pool on its way out.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1       # linux/prctl.h
WATCH_S = 1.0              # how often the fallback thread looks at the parent's pid


def die_with_parent(sig: int = signal.SIGKILL) -> str:
    """Arrange for this process to get `sig` when its parent dies; return how ("prctl" or
    "watch"). A parent that died before the arrangement was made ends this process now."""
    parent = os.getppid()
    how = "watch"
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0:
                how = "prctl"
        except (OSError, AttributeError):
            pass
    if how == "watch":
        threading.Thread(target=_watch, args=(parent, sig), name="die-with-parent", daemon=True).start()
    if os.getppid() != parent:   # the parent died before prctl took effect
        os.kill(os.getpid(), sig)
    return how


def _watch(parent: int, sig: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_S)
    os.kill(os.getpid(), sig)
