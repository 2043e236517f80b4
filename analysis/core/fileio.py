"""The I/O ground: atomic writes, all-or-nothing writes of several files, the suite's CSV form, hashes.

Every module that writes a file goes through here, so that no command can leave half a file or a
set of files that disagree with each other.

``write_atomic`` replaces one file through a temporary file and a rename, keeping the original's
permissions. ``write_many`` replaces several files of one folder as one transaction:

1. stage: each new file is written beside its target as ``.<name>.<txid>.staged``;
2. check: the caller's ``check`` sees the staged set as a whole and may refuse it;
3. commit: a journal, ``.chile73-transaction.json``, naming every staged file is written atomically;
   from this moment the transaction will complete, even after a crash;
4. switch: each staged file is renamed over its target; then the journal is removed.

``recover`` (called before any dataset is read or written) finishes a committed transaction that a
crash interrupted, and deletes the staged files of one that never reached its journal, so the folder
always holds either every old file or every new one.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import stat
import tempfile
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path

JOURNAL = ".chile73-transaction.json"
_STAGED = ".staged"
_DEFAULT_MODE = 0o644


class TransactionError(RuntimeError):
    """A multi-file write could not be completed or recovered; the message says which file."""


def sha256(data: bytes) -> str:
    """The hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    """The hex SHA-256 of a file's bytes, or ``"missing"`` when there is no such file."""
    try:
        return sha256(path.read_bytes())
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return "missing"


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    """CSV in the suite's one form: UTF-8, comma, minimal quoting, LF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def _mode_for(path: Path) -> int:
    """The permission bits a rewritten file gets: the original's, or the usual 0644 less the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return _DEFAULT_MODE & ~umask


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _write_new(path: Path, data: bytes, mode: int) -> None:
    """Write a new file (that must not exist yet) completely and durably."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(path, mode)  # the umask may have narrowed it
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: never half a file.

    The file keeps the permissions it had (a new file gets 0644 less the umask). A target that
    exists and is not a regular file (a folder, a FIFO, a device) is refused."""
    path = Path(path)
    if path.exists() and not path.is_file():
        raise IsADirectoryError(f"{path} exists and is not a regular file; nothing was written")
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _staged_name(target: Path, txid: str) -> Path:
    return target.with_name(f".{target.name}.{txid}{_STAGED}")


def write_many(
    directory: Path,
    files: Mapping[str, bytes],
    check: Callable[[dict[str, Path]], None] | None = None,
) -> list[Path]:
    """Replace several files of ``directory`` all together or not at all.

    ``files`` maps a file name inside ``directory`` to its new bytes. ``check`` receives, for every
    name, the path of its staged copy; it raises to refuse the set, and then nothing changes.
    Returns the paths written."""
    directory = Path(directory)
    recover(directory)
    txid = uuid.uuid4().hex[:12]
    staged: dict[str, Path] = {}
    targets: dict[str, Path] = {}
    try:
        for name, data in files.items():
            target = directory / name
            if target.parent.resolve() != directory.resolve():
                raise TransactionError(f"{name!r} is not a file directly inside {directory}")
            if target.exists() and not target.is_file():
                raise TransactionError(f"{target} is not a regular file; nothing was written")
            targets[name] = target
            staged[name] = _staged_name(target, txid)
            _write_new(staged[name], data, _mode_for(target))
        if check is not None:
            check(dict(staged))
        journal = {
            "txid": txid,
            "files": {name: staged[name].name for name in sorted(files)},
        }
        write_atomic(directory / JOURNAL, json.dumps(journal, indent=2, sort_keys=True).encode())
    except BaseException:
        for path in staged.values():
            path.unlink(missing_ok=True)
        raise
    _finish(directory, journal)
    return [targets[name] for name in sorted(files)]


def _finish(directory: Path, journal: dict) -> None:
    """Switch every staged file of a committed journal into place, then drop the journal."""
    for name, staged_name in journal["files"].items():
        staged = directory / staged_name
        if staged.exists():
            os.replace(staged, directory / name)
        elif not (directory / name).exists():
            raise TransactionError(
                f"interrupted write in {directory}: neither {name} nor its staged copy exists"
            )
    _fsync_dir(directory)
    (directory / JOURNAL).unlink(missing_ok=True)
    _fsync_dir(directory)


def pending(directory: Path) -> bool:
    """Whether ``directory`` holds the traces of an interrupted write."""
    directory = Path(directory)
    if (directory / JOURNAL).exists():
        return True
    try:
        return any(_is_leftover(p) for p in directory.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return False


def _is_leftover(path: Path) -> bool:
    """A staged file of :func:`write_many` or a temporary file of :func:`write_atomic`."""
    return path.name.startswith(".") and path.name.endswith((_STAGED, ".tmp"))


def recover(directory: Path) -> list[str]:
    """Complete or undo an interrupted :func:`write_many` in ``directory``; returns what it did.

    A journal means the staged set was checked and committed: it is switched into place. Staged
    files without a journal belong to a write that never committed: they are deleted, and the
    files they were meant to replace are untouched."""
    directory = Path(directory)
    if not pending(directory):
        return []
    done: list[str] = []
    journal_path = directory / JOURNAL
    if journal_path.exists():
        try:
            journal = json.loads(journal_path.read_text(encoding="utf-8"))
            names = journal["files"]
            if not isinstance(names, dict) or not all(
                isinstance(k, str) and isinstance(v, str) and "/" not in k + v
                for k, v in names.items()
            ):
                raise TypeError("files must map names to staged names")
        except (ValueError, KeyError, TypeError) as exc:
            raise TransactionError(
                f"{journal_path} is unreadable ({exc}); the write it records cannot be completed. "
                "Compare the .staged files beside it with their targets by hand."
            ) from exc
        _finish(directory, journal)
        done.append(f"completed an interrupted write of {', '.join(sorted(names))}")
    for path in sorted(directory.iterdir()):
        if _is_leftover(path) and path.is_file():
            path.unlink()
            done.append(f"removed {path.name}, left by a write that never finished")
    return done
