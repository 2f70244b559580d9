"""An output folder replaced whole: the new set is written beside the old one and swapped in.

Renaming each file into place keeps every file whole, but not the set: a build that died on
graph.html (a full disk, a quota) left a new graph.ttl and events.csv beside an old graph.html
and a records/ folder half old, half new. So `build` (and `export`) write into a fresh sibling
folder `.NAME.new-PID`, which starts as a copy of the old folder made of hard links (cheap, and
what keeps `--resume`, accumulated records and any file of the user's in it), and at the end
the two folders are exchanged in one `renameat2(RENAME_EXCHANGE)` where Linux has it, else by two
renames. Every writer renames new files into place rather than writing into existing ones
(kg.run.records.atomic_path), so the old inodes the links share are never touched. On failure the
sibling is removed and the error becomes one line naming the file, in the output's own terms.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
from pathlib import Path
from types import TracebackType

_TEMP_NAME = re.compile(r"^\.(.+)\.\d+-\d+$")  # kg.run.records.atomic_path's temporary names
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class OutputError(RuntimeError):
    """The output set could not be written; the previous one is as it was. One line."""


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:  # another file system, or one without hard links
        shutil.copy2(src, dst)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system cannot."""
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class StagedOutput:
    """`with StagedOutput(out) as staged:` write under `staged.path`, then `staged.commit()`.

    Leaving the block without commit (an error, or nothing worth keeping) removes the sibling
    and leaves `out` as it was; an OSError raised inside becomes an OutputError.
    """

    def __init__(self, out: str | Path) -> None:
        self.out = Path(os.path.abspath(out))
        if self.out.is_symlink():
            self.out = self.out.resolve()  # swap the folder it points to, not the link
        self.path = self.out.parent / f".{self.out.name}.new-{os.getpid()}"
        self.committed = False
        # `--out .` (or a folder holding the working directory): swapping it would pull the
        # folder out from under the shell that ran us, so that case writes in place as before
        self.in_place = Path.cwd().resolve().is_relative_to(self.out)
        if self.in_place:
            self.path = self.out

    def __enter__(self) -> StagedOutput:
        if self.in_place:
            self.committed = True
            return self
        try:
            for folder in (self.out, *self.out.parents):
                if folder.exists():
                    if not folder.is_dir():
                        raise OSError(errno.ENOTDIR, "not a folder", str(folder))
                    break
            self.out.parent.mkdir(parents=True, exist_ok=True)
            self._clear_leftovers()
            if self.out.is_dir():
                shutil.copytree(self.out, self.path, symlinks=True, copy_function=_link_or_copy)
            else:
                self.path.mkdir()
        except OSError as exc:
            shutil.rmtree(self.path, ignore_errors=True)
            raise self._error(exc) from exc
        return self

    def _clear_leftovers(self) -> None:
        """Siblings a killed run left behind (its process gone)."""
        name = glob_escape(self.out.name)
        for old in [*self.out.parent.glob(f".{name}.new-*"), *self.out.parent.glob(f".{name}.old-*")]:
            pid = old.name.rsplit("-", 1)[-1]
            if not pid.isdigit() or (int(pid) != os.getpid() and _alive(int(pid))):
                continue
            if ".old-" in old.name and not self.out.exists():
                os.rename(old, self.out)  # killed between the two renames: the old set comes back
            else:
                shutil.rmtree(old, ignore_errors=True)

    def final(self, path: Path) -> Path:
        """Where a file written under the staging folder ends up."""
        try:
            return self.out / Path(path).relative_to(self.path)
        except ValueError:
            return Path(path)

    def commit(self) -> None:
        if self.in_place:
            return
        try:
            if self.out.is_dir() and _exchange(self.path, self.out):
                shutil.rmtree(self.path, ignore_errors=True)  # now the old set
            elif self.out.is_dir():
                old = self.out.parent / f".{self.out.name}.old-{os.getpid()}"
                os.rename(self.out, old)
                try:
                    os.rename(self.path, self.out)
                except OSError:
                    os.rename(old, self.out)
                    raise
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.rename(self.path, self.out)
        except OSError as exc:
            raise self._error(exc) from exc
        self.committed = True

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if not self.committed:
            shutil.rmtree(self.path, ignore_errors=True)
        if isinstance(exc, OSError):
            raise self._error(exc) from exc
        if callable(getattr(exc, "oserror", None)):  # kg.run.parallel.RecordWriteError, from a worker
            raise self._error(exc.oserror()) from exc  # type: ignore[union-attr]

    def _error(self, exc: OSError) -> OutputError:
        where = self.out
        if exc.filename:
            name = Path(os.fsdecode(exc.filename))
            if m := _TEMP_NAME.match(name.name):
                name = name.with_name(m.group(1))
            where = self.final(name) if name != self.path else self.out
        reason = exc.strerror or str(exc)
        if self.in_place:
            return OutputError(f"cannot write {where}: {reason} (written in place: files before it are new)")
        return OutputError(f"cannot write {where}: {reason} (nothing in {self.out} was changed)")


def describe(exc: OSError) -> str:
    """An OSError in one line: the system's reason and the file, without the errno noise."""
    if exc.strerror and exc.filename:
        text = f"{exc.strerror}: {os.fsdecode(exc.filename)}"
    else:
        text = exc.strerror or str(exc) or type(exc).__name__
    return " ".join(text.split())


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)
