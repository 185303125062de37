"""Worker processes and the fork server die with the `minutes` process, however it ends."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import REPO

SLEEPER = '''
import os, pathlib, time


def sleep_and_report(n):
    pathlib.Path(os.environ["PIDS"], f"{n}.pid").write_text(f"{os.getpid()} {os.getppid()}")
    time.sleep(120)
'''

POOL = '''
import signal, sys
sys.path[:0] = [{repo!r}, {here!r}]
import sleeper
from pipeline.cli import Terminated, _terminate
from pipeline.run.executors import LocalExecutor

if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _terminate)
    try:
        for _ in LocalExecutor(workers=2, timeout=None).map(sleeper.sleep_and_report, [0, 1]):
            pass
    except Terminated:
        sys.exit(143)
'''


def _alive(pid: int) -> bool:
    """True while the process exists and is not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _start_pool(tmp_path) -> tuple[subprocess.Popen, set[int]]:
    """A process running a two-worker pool whose tasks sleep; return it and the pids of
    its workers and their fork server."""
    (tmp_path / "sleeper.py").write_text(SLEEPER, encoding="utf-8")
    (tmp_path / "pool.py").write_text(POOL.format(repo=str(REPO), here=str(tmp_path)), encoding="utf-8")
    pids = tmp_path / "pids"
    pids.mkdir()
    proc = subprocess.Popen([sys.executable, str(tmp_path / "pool.py")], env={**os.environ, "PIDS": str(pids)})
    deadline = time.monotonic() + 120
    while len(list(pids.glob("*.pid"))) < 2:
        assert time.monotonic() < deadline and proc.poll() is None, "the workers did not start"
        time.sleep(0.1)
    children = set()
    for f in pids.glob("*.pid"):
        worker, server = map(int, f.read_text().split())
        children |= {worker, server}
    assert proc.pid not in children and len(children) == 3   # two workers, one fork server
    return proc, children


def _gone(pids: set[int], within: float = 15.0) -> set[int]:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    return {p for p in pids if _alive(p)}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_and_fork_server_die_when_minutes_is_killed_with_sigkill(tmp_path):
    proc, children = _start_pool(tmp_path)
    proc.kill()
    proc.wait()
    assert _gone(children) == set()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigterm_stops_the_pool_and_exits_143(tmp_path):
    proc, children = _start_pool(tmp_path)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 143
    assert _gone(children) == set()


def test_a_child_asks_to_die_with_its_parent(tmp_path):
    script = ("import os, sys, time\nsys.path.insert(0, %r)\nfrom pipeline.run.lifeline import die_with_parent\n"
              "if os.fork() == 0:\n    print(die_with_parent(), os.getpid(), flush=True)\n    time.sleep(60)\n"
              "else:\n    time.sleep(60)\n") % str(REPO)
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    how, child = parent.stdout.readline().split()
    assert how == ("prctl" if sys.platform.startswith("linux") else "watch")
    parent.kill()
    parent.wait()
    assert _gone({int(child)}) == set()

