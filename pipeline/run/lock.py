"""One run at a time per database.

`minutes run` and `minutes stage load` hold `<db>.lock` (filelock: an OS lock, so it goes
when its process dies, even by kill -9) from before they read the first file until the
database is renamed into place; `<db>.lock.json` beside it says who holds it. A second run
waits for the first, saying so, or with `--no-wait` refuses at once. Readers (`minutes
sql`, `export`) do not take this lock: DuckDB's own lock is held only while the database
is written, and they retry that briefly (`store/db.py`).
"""
from __future__ import annotations

import json
import os
import socket
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

READER_WAIT_S = 10.0   # a process retries a database another process holds this long, then says who


class RunLocked(RuntimeError):
    """Another run holds the database and this one was told not to wait."""


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


def holder_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock.json")


def holder(db: Path) -> str | None:
    """Who holds the run lock of `db`, in words ('minutes run (PID 123 on host, since
    12:00:01)'); None when nobody does or it cannot be told."""
    try:
        info = json.loads(holder_path(db).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(info, dict):
        return None
    since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(info.get("started", 0)))
    return f"{info.get('command', 'minutes')} (PID {info.get('pid')} on {info.get('host')}, since {since})"


@contextmanager
def run_lock(db: Path, wait: bool = True, say: Callable[[str], None] = print) -> Iterator[None]:
    """Hold the run lock of `db` for the block. When another process holds it: wait,
    telling `say` who it waits for, or with `wait` False raise `RunLocked`. Raises OSError
    when the lock file cannot be made (an unwritable folder)."""
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path(db)))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        who = holder(db) or "another process"
        if not wait:
            raise RunLocked(f"{db} is being built by {who}; not waiting (--no-wait)") from None
        say(f"waiting for {who} to finish with {db} ...")
        lock.acquire()
    try:
        holder_path(db).write_text(json.dumps({
            "pid": os.getpid(), "host": socket.gethostname(), "started": time.time(),
            "command": " ".join(["minutes", *sys.argv[1:3]]) if sys.argv else "minutes"}), encoding="utf-8")
        yield
    finally:
        holder_path(db).unlink(missing_ok=True)
        lock.release()
