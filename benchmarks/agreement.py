"""Agreement of the two annotators on the blind double sample, with the evaluation's own tools.

    .venv/bin/python -m benchmarks.agreement

The second annotator's gold (annotations/ant2018-second) is turned into extraction records by
`../shared/eval/gold_to_records.py` and scored against the first annotator's gold
(annotations/ant2018) by `../shared/eval/score.py`, as ../shared/eval/README.md describes; then
the other way round. Texts are written to a temporary folder only for the run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from kg.training.corpus import SHARED, ant_rows
from kg.training.standoff import load_dir, materialise
from kg.training.train import ANNOTATIONS

SECOND = ANNOTATIONS.parent / "ant2018-second"
DEV_BLIND = ANNOTATIONS.parent / "dev-blind"  # the dev articles, by an annotator who never saw their gold


def agreement(first: Path, second: Path, shared: Path) -> str:
    a, b = load_dir(first), load_dir(second)
    both = sorted(set(a) & set(b))
    rows = ant_rows(both)
    out = [f"{len(both)} articles annotated twice, blind"]
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        arts, gold_a = materialise({i: a[i] for i in both}, rows, t / "a")
        _arts, gold_b = materialise({i: b[i] for i in both}, rows, t / "b")
        for name, ref, other in (("second vs first", gold_a, gold_b), ("first vs second", gold_b, gold_a)):
            recs = t / f"records-{name.split()[0]}"
            subprocess.run(
                [sys.executable, str(shared / "eval/gold_to_records.py"), str(arts), str(other), str(recs)],
                check=True,
            )
            res = subprocess.run(
                [sys.executable, str(shared / "eval/score.py"), "--articles", str(arts), "--gold", str(ref),
                 "--system", str(recs)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            out.append(f"== {name}\n{res.stdout.strip()}")
    return "\n".join(out)


def dev_conventions(shared: Path) -> str:
    """Our annotation against the dev gold: do our conventions read the guidelines as the gold
    behind the evaluation does? (The annotator calibrated on the sample only.)"""
    ours = load_dir(DEV_BLIND)
    arts = shared / "eval/dev/articles"
    rows = {i: {"id": i, "text": (arts / f"{i}.txt").read_text(encoding="utf-8")} for i in ours}
    with tempfile.TemporaryDirectory() as tmp:
        _a, gold = materialise(ours, rows, Path(tmp) / "ours")
        recs = Path(tmp) / "records"
        subprocess.run(
            [sys.executable, str(shared / "eval/gold_to_records.py"), str(arts), str(gold), str(recs)],
            check=True,
        )
        res = subprocess.run(
            [sys.executable, str(shared / "eval/score.py"), "--articles", str(arts), "--gold",
             str(shared / "eval/dev/gold"), "--system", str(recs)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    return f"== our blind annotation of the {len(ours)} dev articles vs their gold\n{res.stdout.strip()}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    args = ap.parse_args()
    print(agreement(ANNOTATIONS, SECOND, args.shared))
    print(dev_conventions(args.shared))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
