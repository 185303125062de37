"""Where per-document work runs: in this process, on a local process pool, or on Dask.

Every executor has `map(fn, tasks, init=None, init_arg=None)`, which yields `(task, result)`
in completion order; `result` is what `fn(task)` returned or a `TaskError` (code `timeout`,
`worker-crashed` or `internal-error`). `init(init_arg)` runs once in every worker before
its first task (the place to load vocabularies and the spaCy pipeline). The stages call
`map` and never see a pool; the work functions never see an executor.

- `InlineExecutor` (`workers=0`): one task after another in this process; the time limit
  is a SIGALRM (it interrupts Python code, not a stuck C call).
- `LocalExecutor`: a `ProcessPoolExecutor` on all cores, its workers forked from a fork
  server that imported `preload` once (so each starts with the word lists loaded). Each
  worker's address space is capped at `memory_mb` (a file that needs more fails
  `out-of-memory` instead of taking the machine), and the workers and the fork server die
  with the process that started them (`lifeline.py`). Each
  worker reports when it starts a task; one that runs past `timeout` seconds is stopped by
  killing the pool (the only way to stop a process stuck inside C code), its file recorded
  as `timeout`, and the other tasks in flight are resubmitted to a new pool. A worker that
  dies (a crash in a C library) is handled the same way: the task it was running is retried
  alone once, then recorded as `worker-crashed`. A worker is replaced by a fresh fork after
  `tasks_per_worker` tasks: its C heap (lxml's, for DOCX) grows by about half a megabyte a
  document with no Python object behind it, and only a new process gives that back. The
  fork server outlives the pool, so a later batch in the same process (the link stage, a
  second run) starts its workers at once.
- `DaskExecutor`: the same function submitted to a Dask distributed cluster (`Client(address)`
  or a given client); `init_arg` is scattered to every worker once and `init` runs in each
  worker process before its first task of the run. Dask cannot stop a running task: one past
  `timeout` is recorded and abandoned (its thread stays busy until it ends).
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.queues import SimpleQueue

DEFAULT_TIMEOUT = 120.0   # seconds one file may take (params.yaml run.timeout)
DEFAULT_MEMORY_MB = 4096  # a worker's address space (params.yaml run.max_memory_mb)
LIFELINE = "pipeline.run.lifeline_preload"   # first in the fork server: it dies with its parent
PRELOAD = ("pipeline.run.stages.preload",)   # imported once by the pool's fork server: workers start warm
TASKS_PER_WORKER = 50     # then the worker is replaced by a fresh fork (C libraries' heaps only grow)
POLL_S = 0.5              # how often the pool is checked for tasks past their time
MAX_BROKEN_STARTS = 3     # pools that die before finishing any task: give up


class WorkerStartError(RuntimeError):
    """The pool's worker processes die before they run anything (a broken environment,
    not a bad file): the batch stops rather than recording every file as failed."""


@dataclass(frozen=True)
class TaskError:
    """A task that gave no result: why, in one line."""

    code: str
    message: str


def make_executor(kind: str = "local", workers: int | None = None, timeout: float | None = DEFAULT_TIMEOUT,
                  scheduler: str | None = None, client=None, preload: tuple[str, ...] = PRELOAD,
                  memory_mb: float | None = DEFAULT_MEMORY_MB):
    """Given the run options, return the executor: `local` with `workers` 0 runs inline
    (no memory cap: it would cap the calling process)."""
    if kind == "dask":
        return DaskExecutor(scheduler=scheduler, client=client, timeout=timeout)
    if kind != "local":
        raise ValueError(f"unknown executor {kind!r} (local or dask)")
    if workers == 0:
        return InlineExecutor(timeout=timeout)
    return LocalExecutor(workers=workers, timeout=timeout, preload=preload, memory_mb=memory_mb)


def out_of_memory(memory_mb: float | None) -> TaskError:
    cap = f"the worker's {memory_mb:g} MB (run.max_memory_mb)" if memory_mb else "the memory available"
    return TaskError("out-of-memory", f"reading this file needed more than {cap}")


def cap_memory(memory_mb: float | None) -> None:
    """Limit this process's address space to `memory_mb` (never above a hard limit already
    set); past it allocations fail with MemoryError."""
    if not memory_mb:
        return
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = int(memory_mb * 2 ** 20)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


RING_AGAIN_S = 0.1   # after a task's time is up, how often SIGALRM repeats until the task stops


class _Alarm(BaseException):
    """Raised in this process when a task runs past its time (not an Exception, so the
    task's own error handling does not swallow it)."""


def _call_with_alarm(fn: Callable, task, timeout: float | None):
    """fn(task), interrupted after `timeout` seconds by SIGALRM where that is possible (the
    main thread on POSIX; code stuck inside a C call is only interrupted when it returns)."""
    if (timeout is None or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        return fn(task)

    def ring(signum, frame):
        raise _Alarm()

    previous = signal.signal(signal.SIGALRM, ring)
    # rings again until the task stops: an alarm raised inside a gc callback or __del__ is
    # swallowed by Python (pytest's hypothesis plugin leaves such a callback behind)
    signal.setitimer(signal.ITIMER_REAL, timeout, RING_AGAIN_S)
    try:
        return fn(task)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class InlineExecutor:
    """Run every task in this process, in order (tests, debugging, tiny batches), each
    with `timeout` enforced by SIGALRM where the platform has it."""

    workers = 1

    def __init__(self, timeout: float | None = None):
        self.timeout = timeout

    def map(self, fn: Callable, tasks: Iterable, init: Callable | None = None, init_arg=None) -> Iterator:
        tasks = list(tasks)
        if tasks and init is not None:
            init(init_arg)
        for task in tasks:
            try:
                result = _call_with_alarm(fn, task, self.timeout)
            except _Alarm:
                result = TaskError("timeout", f"no result after {self.timeout:g} s; the task was interrupted")
            except MemoryError:
                result = out_of_memory(None)
            except Exception as e:
                result = TaskError("internal-error", f"{type(e).__name__}: {e}")
            yield task, result


# In a pool worker: the queue it reports task starts on, and its memory cap.
_started: SimpleQueue | None = None
_memory_mb: int | None = None


POOL_WORKERS_ENV = "MINUTES_POOL_WORKERS"   # set in each pool worker: processes sharing the cores


def _worker_init(started, init, init_arg, memory_mb=None, pool_size=1) -> None:
    global _started, _memory_mb
    from .lifeline import die_with_parent

    die_with_parent()
    os.environ[POOL_WORKERS_ENV] = str(pool_size)   # so OCR runs one page at a time per worker, not one per core
    _started, _memory_mb = started, memory_mb
    if init is not None:
        init(init_arg)
    cap_memory(memory_mb)   # after init: loading the shared resources is not the file's doing


def _call(fn: Callable, n: int, task):
    assert _started is not None   # set by _worker_init
    _started.put((n, time.monotonic()))
    try:
        return fn(task)
    except MemoryError:
        return out_of_memory(_memory_mb)


def _kill(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now, its busy workers included."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()
    pool.shutdown(wait=True, cancel_futures=True)


class LocalExecutor:
    """A process pool on this machine with a time limit per task."""

    def __init__(self, workers: int | None = None, timeout: float | None = DEFAULT_TIMEOUT,
                 start_method: str | None = None, preload: tuple[str, ...] = (),
                 tasks_per_worker: int | None = TASKS_PER_WORKER, memory_mb: float | None = None):
        self.workers = workers or os.cpu_count() or 1
        self.timeout = timeout
        self.memory_mb = memory_mb
        methods = mp.get_all_start_methods()
        self.start_method = start_method or ("forkserver" if "forkserver" in methods else "spawn")
        self.preload = preload
        self.tasks_per_worker = tasks_per_worker if self.start_method != "fork" else None
        self.restarts = 0   # pools replaced after a timeout or a crash

    def map(self, fn: Callable, tasks: Iterable, init: Callable | None = None, init_arg=None) -> Iterator:
        items = list(tasks)
        ctx = mp.get_context(self.start_method)
        if self.start_method == "forkserver":
            ctx.set_forkserver_preload([LIFELINE, *self.preload])
        pending = deque(range(len(items)))
        inflight: dict = {}                 # future -> task number
        started_at: dict[int, float] = {}
        crashes: dict[int, int] = {}
        alone: set[int] = set()             # tasks that were running when a worker died
        broken_starts = 0
        pool = started = None
        try:
            while pending or inflight:
                if pool is None:
                    started = ctx.SimpleQueue()
                    pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_worker_init,
                                               initargs=(started, init, init_arg, self.memory_mb, self.workers),
                                               max_tasks_per_child=self.tasks_per_worker)
                limit = 1 if alone else 2 * self.workers
                while pending and len(inflight) < limit:
                    n = pending.popleft()
                    inflight[pool.submit(_call, fn, n, items[n])] = n
                done, _ = wait(inflight, timeout=self._wait_s(started_at, inflight), return_when=FIRST_COMPLETED)
                assert started is not None   # made with the pool
                while not started.empty():
                    n, t = started.get()
                    started_at[n] = t
                broken = []
                for future in done:
                    n = inflight.pop(future)
                    error = future.exception()
                    if isinstance(error, BrokenProcessPool):
                        broken.append(n)
                        continue
                    started_at.pop(n, None)
                    alone.discard(n)
                    broken_starts = 0
                    yield items[n], (TaskError("internal-error", f"{type(error).__name__}: {error}")
                                     if error else future.result())
                if broken:
                    lost = broken + list(inflight.values())
                    suspects = [n for n in lost if n in started_at]
                    broken_starts = broken_starts + 1 if not suspects else 0
                    if broken_starts >= MAX_BROKEN_STARTS:
                        raise WorkerStartError(f"the worker processes died {broken_starts} times before starting "
                                               f"any task ({self.start_method}); run with --workers 0 to see why")
                    for n in lost:
                        if n in suspects:
                            crashes[n] = crashes.get(n, 0) + 1
                        if n in suspects and (len(suspects) == 1 or crashes[n] >= 2):
                            alone.discard(n)
                            yield items[n], TaskError("worker-crashed", "the worker process died while "
                                                      "reading this file")
                        else:
                            if n in suspects:
                                alone.add(n)
                            pending.appendleft(n)
                    self._restart(pool, inflight, started_at)
                    pool = None
                    continue
                now = time.monotonic()
                expired = [n for n in inflight.values()
                           if self.timeout is not None and n in started_at and now - started_at[n] > self.timeout]
                if expired:
                    for n in expired:
                        yield items[n], TaskError("timeout", f"no result after {self.timeout:g} s; "
                                                  "the worker was stopped")
                    pending.extendleft(n for n in inflight.values() if n not in expired)
                    self._restart(pool, inflight, started_at)
                    pool = None
        finally:
            if pool is not None:
                if inflight:
                    _kill(pool)
                else:
                    pool.shutdown(wait=True)

    def _wait_s(self, started_at: dict[int, float], inflight: dict) -> float:
        """Seconds until the first running task passes its time (at most POLL_S)."""
        if self.timeout is None:
            return POLL_S
        deadlines = [started_at[n] + self.timeout for n in inflight.values() if n in started_at]
        if not deadlines:
            return POLL_S
        return min(POLL_S, max(0.01, min(deadlines) - time.monotonic() + 0.01))

    def _restart(self, pool, inflight: dict, started_at: dict) -> None:
        _kill(pool)
        inflight.clear()
        started_at.clear()
        self.restarts += 1
        return None


class DaskExecutor:
    """The same per-document function on a Dask distributed cluster."""

    def __init__(self, scheduler: str | None = None, client=None, timeout: float | None = DEFAULT_TIMEOUT):
        if scheduler is None and client is None:
            raise ValueError("the dask executor needs a scheduler address (--scheduler tcp://HOST:8786)")
        self.scheduler = scheduler
        self.client = client
        self.timeout = timeout
        self.workers = 0

    def map(self, fn: Callable, tasks: Iterable, init: Callable | None = None, init_arg=None) -> Iterator:
        from distributed import Client
        from distributed import TimeoutError as DaskTimeout
        from distributed import wait as dask_wait

        items = list(tasks)
        if not items:
            return
        client = self.client or Client(self.scheduler)
        token = uuid.uuid4().hex
        try:
            shared = client.scatter(init_arg, broadcast=True, hash=False) if init is not None else None
            slots = max(1, len(client.nthreads()))   # one task at a time per worker (see _dask_call)
            self.workers = slots
            pending = deque(range(len(items)))
            inflight: dict = {}          # future -> (task number, deadline)
            abandoned = 0                # threads still busy with a task past its time
            while pending or inflight:
                while pending and len(inflight) < max(1, slots - abandoned):
                    n = pending.popleft()
                    future = client.submit(_dask_call, fn, items[n], init, token, shared, pure=False)
                    deadline = time.monotonic() + self.timeout if self.timeout is not None else None
                    inflight[future] = (n, deadline)
                deadlines = [d for _, d in inflight.values() if d is not None]
                wait_s = max(0.01, min(deadlines) - time.monotonic()) if deadlines else None
                try:
                    done = dask_wait(list(inflight), timeout=wait_s, return_when="FIRST_COMPLETED").done
                except (DaskTimeout, TimeoutError):
                    done = set()
                for future in done:
                    n, _ = inflight.pop(future)
                    if future.status == "finished":
                        yield items[n], future.result()
                    else:
                        error = future.exception()
                        code = "worker-crashed" if type(error).__name__ == "KilledWorker" else "internal-error"
                        yield items[n], TaskError(code, f"{type(error).__name__}: {error}")
                now = time.monotonic()
                for future, (n, deadline) in list(inflight.items()):
                    if deadline is not None and now > deadline:
                        del inflight[future]
                        future.cancel()
                        abandoned += 1
                        yield items[n], TaskError("timeout", f"no result after {self.timeout:g} s; "
                                                  "the task was abandoned")
        finally:
            if self.client is None:
                client.close()


# On a Dask worker: which runs' `init` already ran in this process, and the lock that lets
# one task run at a time (pdfium, the PDF reader, is not thread-safe; start workers with
# `--nthreads 1` and as many `--nworkers` as cores).
_dask_ready: set[str] = set()
_dask_lock = threading.Lock()


def _dask_call(fn: Callable, task, init: Callable | None, token: str, init_arg):
    with _dask_lock:
        if init is not None and token not in _dask_ready:
            init(init_arg)
            _dask_ready.add(token)
        return fn(task)
