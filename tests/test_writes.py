"""Writes that cannot lose data: atomic files that keep their permissions, multi-file writes that are
all-or-nothing even when the process is killed between two steps, builds that survive a corrupted
manifest or a kill without leaving workers behind, and clear errors for folders that cannot be written."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from analysis import cli
from analysis.core.fileio import JOURNAL, pending, recover, write_atomic, write_many
from analysis.core.paths import ROOT

OLD = {"a.csv": b"a,old\n", "b.csv": b"b,old\n"}
NEW = {"a.csv": b"a,new\n", "b.csv": b"b,new\n"}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for name, data in OLD.items():
        (folder / name).write_bytes(data)
    return folder


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _killed_write(folder: Path, patch: str, nth: int) -> subprocess.CompletedProcess:
    """Run write_many in a child process that SIGKILLs itself on the nth call of ``patch``."""
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        import analysis.core.fileio as f
        target = {patch!r}
        owner = os if target == "replace" else f
        real = getattr(owner, target)
        calls = []
        def dying(*args, **kwargs):
            calls.append(1)
            if len(calls) == {nth}:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)
        setattr(owner, target, dying)
        f.write_many(Path({str(folder)!r}), {NEW!r})
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", script], env=env, timeout=120)


@pytest.mark.parametrize(
    "patch,nth,expected",
    [
        pytest.param("_write_new", 2, OLD, id="killed-while-staging"),
        pytest.param("replace", 1, OLD, id="killed-writing-the-journal"),
        pytest.param("replace", 2, NEW, id="killed-after-commit-before-any-switch"),
        pytest.param("replace", 3, NEW, id="killed-between-two-switches"),
    ],
)
def test_a_killed_multi_file_write_recovers_to_all_old_or_all_new(
    tmp_path: Path, patch: str, nth: int, expected: dict[str, bytes]
) -> None:
    folder = _folder(tmp_path)
    proc = _killed_write(folder, patch, nth)
    assert proc.returncode == -signal.SIGKILL
    assert pending(folder)
    done = recover(folder)
    assert done
    assert _contents(folder) == expected  # no stray staged, temporary or journal file either
    assert not pending(folder) and not (folder / JOURNAL).exists()


def test_a_write_that_is_refused_changes_nothing(tmp_path: Path) -> None:
    folder = _folder(tmp_path)

    def refuse(staged: dict[str, Path]) -> None:
        assert {p.read_bytes() for p in staged.values()} == set(NEW.values())
        raise ValueError("no")

    with pytest.raises(ValueError):
        write_many(folder, NEW, refuse)
    assert _contents(folder) == OLD


def test_write_many_then_reads_as_new(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    write_many(folder, NEW)
    assert _contents(folder) == NEW


def test_workbook_import_killed_between_two_files_leaves_consistent_data(
    datasets_copy: Path, tmp_path: Path
) -> None:
    """End to end: strikes.csv and sources.csv change together; the kill falls between them."""
    from openpyxl import load_workbook

    from analysis.data.datasets import validate_all
    from analysis.outputs.workbook import export

    book = export(tmp_path / "book.xlsx", datasets_copy)
    wb = load_workbook(book)
    ws = wb["sources"]
    new_id = "added_source"
    row = ws.max_row + 1
    for col in range(1, ws.max_column + 1):
        head = str(ws.cell(1, col).value).split(" [")[0]
        ws.cell(row, col).value = {
            "source_id": new_id,
            "citation": "A source added in the workbook",
            "attribution": "Added (2026)",
            "locator": "p. 1",
            "kind": ws.cell(2, col).value,
        }.get(head)
    strikes = wb["strikes"]
    strikes.cell(2, 6).value = new_id  # a strike row now cites the new source
    strikes.cell(2, 6).hyperlink = None
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from pathlib import Path
        real = os.replace
        calls = []
        def dying(a, b):
            calls.append(1)
            if len(calls) == 3:  # journal, first file, then die before the second
                os.kill(os.getpid(), signal.SIGKILL)
            return real(a, b)
        os.replace = dying
        from analysis.outputs import workbook
        d = Path({str(datasets_copy)!r})
        result = workbook.import_workbook(Path({str(edited)!r}), d)
        assert result.ok, workbook.report(result)
        workbook.write_changes(result, d)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", script], env=env, timeout=300)
    assert proc.returncode == -signal.SIGKILL
    assert (datasets_copy / JOURNAL).exists()
    # Any reader first completes the committed write: both files are new, and they agree.
    assert not any(validate_all(datasets_copy).values())
    assert new_id in (datasets_copy / "sources.csv").read_text(encoding="utf-8")
    assert new_id in (datasets_copy / "strikes.csv").read_text(encoding="utf-8")
    assert not [p for p in datasets_copy.iterdir() if p.name.startswith(".")]


def test_atomic_rewrite_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"old\n")
    path.chmod(0o640)
    write_atomic(path, b"new\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640 and path.read_bytes() == b"new\n"
    write_many(tmp_path, {"x.csv": b"newer\n"})
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.csv"
    write_atomic(fresh, b"1\n")
    assert stat.S_IMODE(fresh.stat().st_mode) & 0o644 == stat.S_IMODE(fresh.stat().st_mode)
    assert stat.S_IMODE(fresh.stat().st_mode) & 0o400


@pytest.mark.parametrize(
    "where,args",
    [
        ("figures", ["figures", "--only", "up_vote", "--serial", "--force"]),
        ("export", ["workbook", "export", "--out", "{tmp}/out/book.xlsx"]),
    ],
)
def test_a_folder_that_cannot_be_written_is_one_clear_error(
    tmp_path: Path, monkeypatch, capsys, where: str, args: list[str]
) -> None:
    # Root ignores permission bits, so the refusal of the file system is simulated where it occurs.
    import analysis.core.fileio as f

    def refused(*a, **k):
        raise PermissionError(13, "Permission denied", str(a[0]) if a else "")

    monkeypatch.setattr(f.tempfile, "mkstemp", refused)
    if where == "figures":
        args = [*args, "--out", str(tmp_path / "figs")]
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert "Permission denied" in err and "Traceback" not in err


def test_import_write_into_a_folder_that_cannot_be_written(
    datasets_copy: Path, tmp_path: Path, monkeypatch
) -> None:
    from openpyxl import load_workbook

    import analysis.core.fileio as f
    from analysis.outputs.workbook import export, import_workbook, write_changes

    book = export(tmp_path / "b.xlsx", datasets_copy)
    wb = load_workbook(book)
    wb["strikes"]["B2"].value = 7
    wb.save(tmp_path / "e.xlsx")
    result = import_workbook(tmp_path / "e.xlsx", datasets_copy)
    before = _contents(datasets_copy)

    def refused(path, *a, **k):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(f.os, "open", refused)
    with pytest.raises(PermissionError):
        write_changes(result, datasets_copy)
    monkeypatch.undo()
    assert _contents(datasets_copy) == before


@pytest.mark.parametrize(
    "content",
    [b"null", b"[]", b'{"figures": []}', b'{"figures": {"up_vote": 3}}', b"\x00\xff\x01binary"],
    ids=["null", "list", "figures-list", "entry-not-object", "binary"],
)
def test_a_corrupted_manifest_is_reported_and_rebuilt(tmp_path: Path, capsys, content) -> None:
    out = tmp_path / "figs"
    out.mkdir()
    (out / "manifest.json").write_bytes(content)
    assert cli.main(["figures", "--out", str(out), "--only", "up_vote", "--serial"]) == 0
    text = capsys.readouterr().out
    assert "warning: manifest.json" in text and "redrawing every figure" in text
    assert (out / "en" / "up_vote.png").exists()
    assert "up_vote" in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["figures"]


def test_a_manifest_that_is_a_folder_is_reported_and_figures_still_built(tmp_path, capsys):
    out = tmp_path / "figs"
    (out / "manifest.json").mkdir(parents=True)
    assert cli.main(["figures", "--out", str(out), "--only", "up_vote", "--serial"]) == 0
    text = capsys.readouterr().out
    assert "not a regular file" in text and (out / "es" / "up_vote.svg").exists()


def _children(pid: int) -> set[int]:
    """Every descendant of ``pid``, read from /proc."""
    kids: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        kids.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in kids.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_a_killed_build_leaves_no_workers(tmp_path: Path, sig) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MPLBACKEND": "Agg"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis.cli", "figures", "--force", "--out", str(tmp_path / "f")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 240
        workers: set[int] = set()
        while time.monotonic() < deadline and len(workers) < 2:  # wait for the pool to start
            workers = {p for p in _children(proc.pid) if _alive(p)}
            if proc.poll() is not None:
                pytest.fail("the build ended before its workers could be seen")
            time.sleep(0.05)
        assert len(workers) >= 2, "the build never started its two workers"
        proc.send_signal(sig)
        proc.wait(timeout=120)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and any(_alive(p) for p in workers):
            time.sleep(0.1)
        assert not [p for p in workers if _alive(p)], "workers outlived the build"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
