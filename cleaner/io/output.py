"""Output targets: what ``-o``, ``--errors`` and ``--output-dir`` name, checked before
any work, and the lock that keeps two runs off one output.

Why these checks exist (issue 15, "nothing lost, nothing destroyed"):

* **A directory** given as ``-o`` would only fail at the final rename, after all the
  work; a name ending in ``/`` or a folder that does not exist would fail with a message
  about ``OUT.part``, a file the user never typed.  Both are refused up front.
* **A special file** (``/dev/null``, ``/dev/stdout``, a FIFO, ``>(gzip > x.gz)``) must be
  written through: the ``.part`` + rename scheme would replace the device or pipe with a
  regular file.  Such targets get no ``.part``, and so no ``--resume``.
* **The same file twice**: an input that is the output, its ``.part``, ``--errors`` or
  the ``index.jsonl`` of ``--output-dir`` (by real path, so a symlink counts), would be
  destroyed or read back into the run.
* **Two runs on one output** would interleave their lines in one ``.part``: the second
  run refuses (exit 2) and names the first one's pid, which holds an exclusive
  ``flock`` on ``OUT.part`` for as long as it runs.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable, Sequence

from ..errors import CleanerError

__all__ = [
    "EXIT_NO_INPUT",
    "EXIT_WRITE_ERROR",
    "PART",
    "OutputError",
    "OutputWriteError",
    "excluded_paths",
    "is_special",
    "lock_part",
    "output_problems",
    "real",
]

PART = ".part"
#: exit code of a run stopped because an output could not be written (disk full, I/O
#: error): ``EX_IOERR`` of sysexits.h, distinct from 1 ("some records are error records")
EXIT_WRITE_ERROR = 74
#: exit code when the inputs hold no document at all (empty folder, ``--glob`` matching
#: nothing): a usage error, like a missing input
EXIT_NO_INPUT = 2
#: names that stand for a process's own streams (``/dev/stdout``, ``/dev/fd/63`` from
#: ``>(...)``), whatever they resolve to: never places for a ``.part``.  (Other paths
#: under ``/dev``, such as ``/dev/shm/x``, are ordinary files when they are files.)
_STREAM_NAMES = ("/dev/fd/", "/dev/stdout", "/dev/stderr", "/dev/stdin", "/proc/")


class OutputError(CleanerError):
    """An output cannot be written or resumed (raised before any work starts)."""


class OutputWriteError(CleanerError):
    """Writing an output failed in the middle of the run (disk full, I/O error).

    Carries the file and the errno, so the CLI can say it in one line and exit with
    its own code; what was written before stays in the ``.part``.
    """

    def __init__(self, path: str, exc: OSError, hint: str = "") -> None:
        self.path = path
        self.errno = exc.errno
        name = errno.errorcode.get(exc.errno or 0, "?")
        super().__init__(f"cannot write {path}: {exc.strerror or exc} (errno {exc.errno} "
                         f"{name}){hint}")


def real(path: str) -> str:
    """The real path (symlinks resolved, even for a file that does not exist yet)."""
    return os.path.realpath(os.path.abspath(path))


def is_special(path: str) -> bool:
    """Whether ``path`` is an existing non-regular file (device, FIFO, socket, a
    ``/dev/fd/N`` pipe) or names a process's own stream: written through directly."""
    if os.path.abspath(path).startswith(_STREAM_NAMES):
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _file_problem(flag: str, path: str) -> str | None:
    """Why ``path`` cannot be a file output, or None."""
    if path.endswith(("/", os.sep)):
        return f"{flag} {path} names a folder; give a file name (e.g. {path}out.jsonl)"
    if os.path.isdir(path):
        return (f"{flag} {path} is a directory; give a file name "
                f"(e.g. {os.path.join(path, 'out.jsonl')})")
    if is_special(path):
        return None
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        return f"{flag} {path}: folder {os.path.dirname(path) or '.'} does not exist"
    return None


def _written(output: str | None, errors: str | None, output_dir: str | None
             ) -> list[tuple[str, str, str]]:
    """Every file a run writes: ``(flag, what the user typed, file written)``."""
    files: list[tuple[str, str, str]] = []
    for flag, path in (("-o", output), ("--errors", errors)):
        if path:
            files.append((flag, path, path))
            if not is_special(path):
                files.append((flag, path, path + PART))
    if output_dir:
        index = os.path.join(output_dir, "index.jsonl")
        files += [("--output-dir", output_dir, p) for p in (output_dir, index, index + PART)]
    return files


def output_problems(inputs: Sequence[str], output: str | None, errors: str | None,
                    output_dir: str | None, *, resume: bool = False) -> list[str]:
    """What is wrong with the outputs of a run over ``inputs``; checked before any work.

    One message per problem, each naming the flag and the path the user typed.
    """
    out: list[str] = []
    for flag, path in (("-o", output), ("--errors", errors)):
        if path:
            why = _file_problem(flag, path)
            if why:
                out.append(why)
            elif resume and is_special(path):
                out.append(f"{flag} {path} is not a regular file: it is written through, "
                           "so there is nothing to --resume")
    if output_dir and os.path.exists(output_dir) and not os.path.isdir(output_dir):
        out.append(f"--output-dir {output_dir} exists and is not a folder")
    files = _written(output, errors, output_dir)
    reals = [real(p) for _, typed, p in files if p == typed]
    if len(set(reals)) < len(reals):
        out.append("the output, --errors and --output-dir must be different paths")
    for arg in inputs:
        if arg == "-" or not os.path.exists(arg):
            continue
        top = real(arg)
        for flag, typed, path in files:
            target = real(path)
            if target == top or (os.path.isdir(top) and _under(target, top)):
                what = typed if path == typed else f"{typed} (it writes {path})"
                out.append(f"{flag} {what} is, or is inside, the input {arg}: inputs are "
                           "never written to; put outputs elsewhere")
                break
            if flag == "--output-dir" and path == typed and _under(top, target):
                out.append(f"the input {arg} is inside --output-dir {typed}: inputs are "
                           "never written to; put outputs elsewhere")
                break
    return out


def excluded_paths(output: str | None, errors: str | None, output_dir: str | None
                   ) -> tuple[str, ...]:
    """Real paths a reader must never read: every file the run writes."""
    return tuple(dict.fromkeys(real(p) for _, _, p in _written(output, errors, output_dir)))


def _under(path: str, folder: str) -> bool:
    return path.startswith(folder.rstrip(os.sep) + os.sep)


# ---------------------------------------------------------------------- the lock
def lock_part(part: str) -> int:
    """Open ``part`` for writing (created, NOT truncated) and take an exclusive lock.

    Returns the file descriptor, locked until it is closed.  Raises
    :class:`OutputError` naming the other run (its pid, when ``/proc/locks`` tells)
    when it is already locked.  The check that the path still names the file locked
    covers a run that renamed its ``.part`` to the final name in between.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock, as before
        fcntl = None  # type: ignore[assignment]
    for _ in range(5):
        try:
            fd = os.open(part, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise OutputError(f"{part}: {exc.strerror or exc}") from None
        if fcntl is None:  # pragma: no cover
            return fd
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = _lock_holder(fd)
            os.close(fd)
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise OutputError(f"{part}: cannot lock: {exc.strerror or exc}") from None
            who = f"pid {holder}" if holder else "another process"
            raise OutputError(f"{part} is being written by another cleaner run ({who}); "
                              "wait for it or choose another output") from None
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(part))
        except OSError:
            same = False
        if same:
            return fd
        os.close(fd)  # renamed away under us: lock the new file of that name
    raise OutputError(f"{part}: keeps changing while being locked")


def _lock_holder(fd: int) -> int | None:
    """The pid holding a lock on the file of ``fd``, from ``/proc/locks`` (Linux)."""
    st = os.fstat(fd)
    want = (os.major(st.st_dev), os.minor(st.st_dev), st.st_ino)
    with (contextlib.suppress(OSError, ValueError),
          open("/proc/locks", encoding="ascii", errors="replace") as fh):
        for line in fh:
            for pid, where in _lock_fields(line.split()):
                major, minor, ino = where.split(":")
                if (int(major, 16), int(minor, 16), int(ino)) == want:
                    return int(pid)
    return None


def _lock_fields(fields: list[str]) -> Iterable[tuple[str, str]]:
    """``(pid, "MAJ:MIN:INODE")`` of one ``/proc/locks`` line (``->`` lines are waiters)."""
    if "->" in fields:
        return
    for i, f in enumerate(fields[:-1]):
        if f.isdigit() and fields[i + 1].count(":") == 2:
            yield f, fields[i + 1]
            return
