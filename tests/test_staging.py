"""kg.run.staging on its own: the sibling folder, the swap, and what a killed run leaves behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.run.records import atomic_path
from kg.run.staging import OutputError, StagedOutput

DEAD_PID = 2**22 + 12345  # above the usual pid_max: no process has it


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_old_files_are_never_written_through_their_links(here: Path) -> None:
    out = here / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("old", encoding="utf-8")
    kept = os.stat(out / "graph.ttl").st_ino
    with StagedOutput(out) as staged:
        assert os.stat(staged.path / "graph.ttl").st_ino == kept  # a hard link, not a copy
        with atomic_path(staged.path / "graph.ttl") as tmp:
            tmp.write_text("new", encoding="utf-8")
        assert (out / "graph.ttl").read_text(encoding="utf-8") == "old"  # untouched until the swap
        staged.commit()
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in here.iterdir()) == ["out"]


def test_an_error_inside_removes_the_sibling_and_names_the_final_path(here: Path) -> None:
    out = here / "out"
    full = r"cannot write .*out/events\.csv: No space left on device"
    with pytest.raises(OutputError, match=full), StagedOutput(out) as staged:
        raise OSError(28, "No space left on device", str(staged.path / ".events.csv.1-2"))
    assert list(here.iterdir()) == []


def test_a_run_killed_between_the_two_renames_gets_its_old_set_back(here: Path) -> None:
    left = here / f".out.old-{DEAD_PID}"
    left.mkdir()
    (left / "graph.ttl").write_text("old", encoding="utf-8")
    (here / f".out.new-{DEAD_PID}").mkdir()  # and its half-made new set
    with StagedOutput(here / "out") as staged:
        assert (staged.path / "graph.ttl").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in here.iterdir()) == ["out"]
    assert (here / "out" / "graph.ttl").read_text(encoding="utf-8") == "old"


def test_a_symlinked_output_swaps_the_folder_it_points_to(here: Path) -> None:
    (here / "real").mkdir()
    (here / "link").symlink_to("real")
    with StagedOutput(here / "link") as staged:
        (staged.path / "graph.ttl").write_text("new", encoding="utf-8")
        staged.commit()
    assert (here / "link").is_symlink() and (here / "real" / "graph.ttl").read_text(encoding="utf-8") == "new"
