"""The built wheel holds every file the package reads at run time.

The wheel is built from the tracked files (copied out, so the build leaves nothing in the work
tree), installed with `pip install --no-deps` into a fresh virtualenv whose dependencies come from
the development environment's site-packages (added by a .pth line, which does not run the
editable install's finder, so `import kg` can only find the installed copy), and then run from a
folder outside the repository: `validate` reads the SHACL shapes and the ontology, a tiny
`build` reads the lexicons, models, queries and view assets.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "tests" / "fixtures" / "merge" / "m01-saraqib-north.txt"


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"{args}: {done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    if shutil.which("git") is None:
        pytest.skip("git is needed to list the tracked files")
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    tracked = run("git", "ls-files", "-z", cwd=ROOT).stdout.split("\0")
    for name in filter(None, tracked):
        f = ROOT / name
        if f.is_file() or f.is_symlink():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, src / name, follow_symlinks=False)
    pip = (sys.executable, "-m", "pip")
    run(*pip, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", tmp / "dist", src, cwd=tmp)
    wheel = next((tmp / "dist").glob("conflict_kg-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        inside = set(z.namelist())
    missing = [n for n in tracked if n.startswith("kg/") and n not in inside]
    assert not missing, f"tracked package files not in the wheel: {missing}"
    venv = tmp / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp)
    site = Path(
        run(
            venv / "bin" / "python",
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
            cwd=tmp,
        ).stdout.strip()
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--no-deps", "-q", wheel,
        cwd=tmp, env=env)  # fmt: skip
    # only now the dependencies: before, pip would see the development install and do nothing
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    where = run(venv / "bin" / "python", "-c", "import kg; print(kg.__file__)", cwd=tmp, env=env).stdout
    assert Path(where.strip()).is_relative_to(site), where  # the installed copy, not the work tree
    return venv, env


def test_the_installed_wheel_validates_and_builds(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    venv, env = installed
    shutil.copy(ARTICLE, tmp_path / ARTICLE.name)
    cli = venv / "bin" / "conflict-kg"
    run(cli, "build", ARTICLE.name, "--out", "out", "--workers", "1", "--quiet", cwd=tmp_path, env=env)
    for name in ("graph.ttl", "events.csv", "graph.html", f"records/{ARTICLE.stem}.json"):
        assert (tmp_path / "out" / name).stat().st_size > 100, name
    done = run(cli, "validate", "out/graph.ttl", cwd=tmp_path, env=env)
    assert "conforms" in done.stdout
    onto = run(cli, "query", "out/graph.ttl", "SELECT (COUNT(*) AS ?n) WHERE { ?c a owl:Class }", "--format",
               "csv", cwd=tmp_path, env=env)  # fmt: skip
    assert int(onto.stdout.split()[-1]) > 20  # the ontology's classes went into the graph
    listed = run(cli, "query", "--list", cwd=tmp_path, env=env)
    assert "who_attacked_whom" in listed.stdout
