"""The parallel batch runner: Records in, output dicts out, in input order.

Why hand-written rather than ``multiprocessing.Pool`` / ``ProcessPoolExecutor``: a
document that hangs in native code, or kills its process (segfault, out of memory),
must become an error record for *that* document while the batch goes on.  A pool can
neither kill one task nor tell which task took a worker down.  Here each worker is a
process with its own pipe and at most one document in hand, so the parent always knows
which document a dead or stuck worker was cleaning, kills and replaces just that worker.

* One :class:`~cleaner.core.Cleaner` per worker: it is pickled to the worker (as its
  constructor arguments) when the worker starts.
* Order: results are released in input order from a reorder buffer; at most
  ``window`` documents are in flight or waiting, so memory stays flat however long
  the input, and the output bytes do not depend on the number of workers.
* Time limit: a worker runs each document under :func:`cleaner.budget.time_budget`
  (``SIGALRM``, the same budget ``Cleaner.clean`` uses; it interrupts Python code and
  regular expressions); if a document is still not done ``grace`` seconds later (stuck
  in C code), the parent kills the worker.
* Stopping: ``SIGTERM`` to the parent stops the batch like Ctrl-C (:class:`Terminated`,
  a ``KeyboardInterrupt``): what was written stays, ``--resume`` finishes.  A worker that
  dies of ``SIGTERM``/``SIGINT``/``SIGHUP`` (a whole process group told to stop) was
  asked to stop, not broken by its document: the document is given to a new worker
  (twice at most) instead of becoming an error record.  Any other death (``SIGKILL``,
  a segfault, the OOM killer) is a ``WorkerCrashed`` record for that document.
* ``workers=0`` cleans in this process (no isolation; handy for debugging/profiling).
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Protocol

from .budget import Expired, time_budget
from .core import Cleaner
from .io.records import Record, error_record

__all__ = ["Stats", "Terminated", "clean_batch", "clean_record", "run"]

Result = tuple[Record, dict[str, Any]]
CleanFn = Callable[[Cleaner, Record, bool], dict[str, Any]]


class Terminated(KeyboardInterrupt):
    """The batch got ``SIGTERM``.  A ``KeyboardInterrupt``, so everything that handles
    Ctrl-C (keep the ``.part`` outputs, say how to resume) handles it too."""


#: deaths that mean "asked to stop" rather than "broken by its document"
_STOP_SIGNALS = (-signal.SIGTERM, -signal.SIGINT, -signal.SIGHUP)
_MAX_RETRIES = 2


def clean_record(cleaner: Cleaner, record: Record, keep_removed: bool) -> dict[str, Any]:
    """One Record to its output dict: the article record plus ``source``, or an error
    record.  Any exception becomes an error record: the batch never stops for one page."""
    if record.error:
        return error_record(record.id, *record.error, record.source)
    try:
        data = record.load(cleaner.options.max_bytes)
        extra = {"kind": record.kind} if record.kind else {}
        art = cleaner.clean(data, url=record.url, outlet=record.outlet, id=record.id,
                            encoding=record.encoding, **extra)
        out = art.to_dict(keep_removed=keep_removed)
    except Exception as exc:  # every failure is reported, none is fatal
        return error_record(record.id, type(exc).__name__, str(exc) or repr(exc),
                            record.source)
    out["source"] = record.source
    return out


# ---------------------------------------------------------------------- time limit
def _clean_timed(fn: CleanFn, cleaner: Cleaner, record: Record, keep_removed: bool,
                 timeout: float | None) -> dict[str, Any]:
    """``fn`` under the per-document time budget (:mod:`cleaner.budget`: SIGALRM, main
    thread, POSIX; elsewhere only the parent's kill after ``timeout + grace`` applies)."""
    try:
        with time_budget(timeout):
            return fn(cleaner, record, keep_removed)
    except Expired:
        return error_record(record.id, "DocumentTimeout",
                            f"took longer than the time limit ({timeout:g}s)", record.source)


def _worker_main(conn: Connection, cleaner: Cleaner, fn: CleanFn, keep_removed: bool,
                 timeout: float | None) -> None:
    """A worker: say ``"ready"``, then receive ``(seq, record)`` and send ``(seq, dict)``
    until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        conn.send("ready")  # start-up (imports, profiles) does not count against a document
        while True:
            msg = conn.recv()
            if msg is None:
                return
            seq, record = msg
            conn.send((seq, _clean_timed(fn, cleaner, record, keep_removed, timeout)))
    except (EOFError, OSError):  # the parent is gone (killed): nobody to report to
        return


# ---------------------------------------------------------------------- workers
class _Worker:
    """One worker process and the document it is cleaning, if any."""

    def __init__(self, ctx: Any, args: tuple[Any, ...]) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, *args), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.task: tuple[int, Record] | None = None
        self.deadline = float("inf")

    @property
    def idle(self) -> bool:
        return self.ready and self.task is None

    def give(self, seq: int, record: Record, limit: float | None) -> None:
        self.conn.send((seq, record))
        # record.data stays until the result is back (dropped in _Pool._collect): a
        # worker stopped mid-document hands the document on to another one.
        self.task = (seq, record)
        self.deadline = time.monotonic() + limit if limit else float("inf")

    def receive(self) -> Any:
        """The next message, or raise EOFError when the worker is dead."""
        msg = self.conn.recv()  # raises EOFError / OSError once the worker is gone
        if msg == "ready":
            self.ready = True
        else:
            self.task, self.deadline = None, float("inf")
        return msg

    def why_dead(self) -> str:
        self.proc.join(5)  # the pipe closes a moment before the process can be reaped
        code = self.proc.exitcode
        if code is not None and code < 0:
            return f"killed by signal {signal.Signals(-code).name}"
        return f"exit code {code}"

    def stop(self, kill: bool = False) -> None:
        if not kill:
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.proc.join(2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        self.conn.close()


class _Pool:
    """The worker processes, kept at full strength; see the module docstring."""

    MAX_START_FAILURES = 3

    def __init__(self, cleaner: Cleaner, fn: CleanFn, keep_removed: bool, workers: int,
                 timeout: float | None, grace: float | None) -> None:
        self._ctx = mp.get_context("spawn")  # no fork: the parent may run threads (rich)
        self._args = (cleaner, fn, keep_removed, timeout)
        self._limit: float | None = None
        if timeout:
            self._limit = timeout + (grace if grace is not None else max(5.0, timeout / 2))
        self._start_failures = 0
        self._retries: Counter[int] = Counter()
        self.held: list[tuple[int, Record]] = []  # to give (again) to a worker
        self.workers = [_Worker(self._ctx, self._args) for _ in range(workers)]

    def ordered(self, records: Iterable[Record], window: int) -> Iterator[Result]:
        it = iter(records)
        more = True
        next_seq = emit_seq = 0
        done: dict[int, Result] = {}
        held = self.held
        while True:
            for i in range(len(self.workers)):
                while self.workers[i].idle and (held or (more and next_seq - emit_seq < window)):
                    if held:
                        seq, record = held.pop()
                    else:
                        record = next(it, None)
                        if record is None:
                            more = False
                            break
                        seq, next_seq = next_seq, next_seq + 1
                        if record.error:  # nothing to clean: an error record at its place
                            done[seq] = (record, error_record(record.id, *record.error,
                                                              record.source))
                            continue
                    try:
                        self.workers[i].give(seq, record, self._limit)
                    except OSError:  # it died while idle (killed from outside)
                        held.append((seq, record))
                        self._replace(self.workers[i])
            while emit_seq in done:
                yield done.pop(emit_seq)
                emit_seq += 1
            if not more and not held and emit_seq == next_seq:
                return
            self._collect(done)

    def _collect(self, done: dict[int, Result]) -> None:
        """Wait for a result, a worker start-up, a death or a deadline, and handle it."""
        waiting = [w for w in self.workers if not w.idle]
        if not waiting:
            return
        deadline = min(w.deadline for w in waiting)
        wait_for = None if deadline == float("inf") else max(0.0, deadline - time.monotonic())
        wait([w.conn for w in waiting] + [w.proc.sentinel for w in waiting], timeout=wait_for)
        for w in waiting:
            task = w.task
            try:
                if w.conn.poll():
                    msg = w.receive()
                    if task is not None and msg != "ready":
                        task[1].data = None  # keep the parent's memory flat
                        done[msg[0]] = (task[1], msg[1])
                    continue
                if w.proc.is_alive():
                    if task is not None and time.monotonic() >= w.deadline:
                        task[1].data = None
                        done[task[0]] = (task[1], error_record(
                            task[1].id, "DocumentTimeout", "took longer than the time "
                            "limit; its worker was killed", task[1].source))
                        self._replace(w)
                    continue
            except (EOFError, OSError):
                pass
            why = w.why_dead()  # the worker died: with a document in hand, or starting
            if task is not None and w.proc.exitcode in _STOP_SIGNALS \
                    and self._retries[task[0]] < _MAX_RETRIES:
                self._retries[task[0]] += 1  # told to stop, not broken: try again
                self.held.append(task)
            elif task is not None:
                task[1].data = None
                done[task[0]] = (task[1], error_record(
                    task[1].id, "WorkerCrashed", f"the worker died cleaning this ({why})",
                    task[1].source))
            elif not w.ready:
                self._start_failures += 1
                if self._start_failures >= self.MAX_START_FAILURES:
                    raise RuntimeError(f"worker processes fail to start ({why})")
            self._replace(w)

    def _replace(self, w: _Worker) -> None:
        w.stop(kill=True)
        self.workers[self.workers.index(w)] = _Worker(self._ctx, self._args)

    def close(self) -> None:
        for w in self.workers:
            w.stop(kill=w.task is not None or not w.ready)


def run(
    records: Iterable[Record],
    cleaner: Cleaner,
    *,
    workers: int = 1,
    timeout: float | None = 60.0,
    keep_removed: bool = False,
    clean_fn: CleanFn = clean_record,
    grace: float | None = None,
    window: int | None = None,
) -> Iterator[Result]:
    """Clean ``records`` with ``workers`` processes; yield ``(record, dict)`` in input
    order.  ``clean_fn`` must be a module-level function (it is pickled by name)."""
    if workers <= 0:
        for record in records:
            yield record, _clean_timed(clean_fn, cleaner, record, keep_removed, timeout)
        return
    pool = _Pool(cleaner, clean_fn, keep_removed, workers, timeout, grace)
    try:
        yield from pool.ordered(records, window or 8 * workers + 8)
    finally:
        pool.close()


# ---------------------------------------------------------------------- the batch
@dataclass
class Stats:
    """What a batch did: the numbers of the summary table."""

    docs: int = 0
    cleaned: int = 0
    empty: int = 0
    errors: int = 0
    resumed: int = 0
    outlets: Counter[str] = field(default_factory=Counter)
    profiles: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    error_types: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, rec: dict[str, Any]) -> None:
        self.docs += 1
        if "error" in rec:
            self.errors += 1
            self.error_types[rec["error"]["type"]] += 1
            return
        if rec.get("text"):
            self.cleaned += 1
        else:
            self.empty += 1
        meta = rec.get("metadata") or {}
        self.outlets[meta.get("outlet") or "(unknown)"] += 1
        self.profiles[meta.get("profile") or "(generic)"] += 1
        self.removed.update(meta.get("removed") or {})


class Sink(Protocol):
    """What :func:`clean_batch` writes to (see :mod:`cleaner.io.writers`)."""

    done: Counter[str]

    def write(self, rec: dict[str, Any], record: Record | None = None) -> None: ...


def clean_batch(
    records: Iterable[Record],
    cleaner: Cleaner,
    sink: Sink,
    *,
    errors: Sink | None = None,
    workers: int = 1,
    timeout: float | None = 60.0,
    keep_removed: bool = False,
    on_record: Sequence[Callable[[Record, dict[str, Any], Stats], None]] = (),
) -> Stats:
    """Clean everything not already in the outputs; write each record to ``sink`` (or
    an error record to ``errors`` when given); return the counts.

    Resume: an id found ``k`` times in the outputs skips its first ``k`` occurrences
    in the input, so duplicate ids in the input are still written once each.
    ``on_record`` callbacks (progress, later consumers) see every written record.
    """
    stats = Stats()
    start = time.monotonic()
    done = Counter(sink.done)
    if errors is not None:
        done.update(errors.done)

    def todo() -> Iterator[Record]:
        for record in records:
            if done[record.id] > 0:
                done[record.id] -= 1
                stats.resumed += 1
                continue
            yield record

    results = run(todo(), cleaner, workers=workers, timeout=timeout,
                  keep_removed=keep_removed)
    with _sigterm_stops(), contextlib.closing(results):
        for record, rec in results:
            (errors if errors is not None and "error" in rec else sink).write(rec, record)
            stats.add(rec)
            for callback in on_record:
                callback(record, rec, stats)
    stats.seconds = time.monotonic() - start
    return stats


@contextlib.contextmanager
def _sigterm_stops() -> Iterator[None]:
    """While the batch runs, ``SIGTERM`` raises :class:`Terminated` (once; a second one
    kills as usual).  Only in the main thread, and only when nobody else handles it."""
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL):
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        raise Terminated()

    signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
