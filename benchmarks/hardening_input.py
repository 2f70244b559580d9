"""Battery cases for what comes in: bad files, hostile ids and lines, CSV, repeatability, text.

Each case writes its inputs into the temporary directory it is given, runs the real command line
(`cli`) and checks the outcome: the exit status, no traceback, every good article in the graph
(`lost` counts those missing), every bad one reported with its file, memory bounded. The earlier
battery (empty, binary, Latin-1, Latin-only, HTML, 10 MB, broken sidecars) is here too.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import zlib
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from benchmarks.hardening_cases import Case, Outcome, cli

STRIKE = "قصفت طائرات حربية بلدة سراقب في ريف إدلب اليوم وقتل ثلاثة مدنيين وأصيب خمسة آخرون."
CASABLANCA = "قتل ثلاثة أشخاص وأصيب عشرة آخرون في انفجار سيارة مفخخة في مدينة الدار البيضاء المغربية اليوم."
FORMULA = "=cmd|' /C calc'!A0"
ESCAPES = "\x1b[2J\x1b]0;pwned\x07\u202e\u2066"
QUICK = ["--workers", "1", "--quiet", "--no-html"]
ALL = "ttl,nt,jsonld,csv,html,graphml,gexf"
# blocks of 2**20 `{}` lines: 33 MiB by default; HARDENING_FULL=1 takes the 1 GiB (~15 min)
BRACE_BLOCKS = 342 if os.environ.get("HARDENING_FULL") else 11


class Checks:
    """Conditions of one case, the processes it ran, and the articles it expects in the graph."""

    def __init__(self) -> None:
        self.failed: list[str] = []
        self.tracebacks = 0
        self.lost = 0

    def ran(self, proc: object) -> object:
        self.tracebacks += proc.tracebacks  # type: ignore[attr-defined]
        return proc

    def expect(self, condition: bool, why: str) -> None:
        if not condition:
            self.failed.append(why)

    def articles(self, ttl: Path, expected: int) -> int:
        found = len(graph_articles(ttl)) if ttl.exists() else 0
        self.lost += max(0, expected - found)
        self.expect(found <= expected, f"{found} articles in the graph, {expected} expected")
        return found

    def outcome(self) -> Outcome:
        return Outcome(not self.failed, "; ".join(self.failed[:3]), self.tracebacks, self.lost)


def graph_articles(ttl: Path) -> set[str]:
    store = ox.Store()
    store.load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    article, identifier = "<https://schema.org/NewsArticle>", "<http://purl.org/dc/terms/identifier>"
    q = f"SELECT ?id WHERE {{ ?a a {article} ; {identifier} ?id }}"
    return {row["id"].value for row in store.query(q)}  # type: ignore[union-attr]


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _jsonl(path: Path, lines: list[str]) -> Path:
    return _write(path, "\n".join(lines) + "\n")


def _line(**obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _build(
    c: Checks, tmp: Path, inputs: list[Path], *extra: str, expected: int, reported: list[str]
) -> tuple[Path, str]:
    """`build` on `inputs`: exit 0, `expected` articles in the graph, each of `reported` named in
    a line of stderr. Returns the output folder and stderr."""
    out = tmp / "out"
    proc = c.ran(cli(["build", *map(str, inputs), "--out", str(out), *QUICK, *extra], tmp))
    c.expect(proc.returncode == 0, f"build exit {proc.returncode}: {proc.stderr.strip()[-200:]}")
    c.articles(out / "graph.ttl", expected)
    for name in reported:
        c.expect(any(name in line for line in proc.stderr.splitlines()), f"{name!r} not reported")
    return out, proc.stderr


def _one_bad_file(name: str, content: bytes, why: str) -> Callable[[Path], Outcome]:
    def run(tmp: Path) -> Outcome:
        c = Checks()
        _write(tmp / "in" / "good.txt", STRIKE)
        _write(tmp / "in" / name, content)
        out, err = _build(c, tmp, [tmp / "in"], expected=1, reported=[name])
        c.expect(
            any(name in line and why in line for line in err.splitlines()), f"{name}: no {why!r} message"
        )
        c.expect((out / "records" / "good.json").exists(), "good article has no record")
        return c.outcome()

    return run


def html_article(tmp: Path) -> Outcome:
    c = Checks()
    text = f"<html><body><p>{STRIKE}</p><script>alert(1)</script></body></html>"
    _write(tmp / "in" / "page.txt", text)
    out, _ = _build(c, tmp, [tmp / "in"], expected=1, reported=[])
    record = json.loads((out / "records" / "page.json").read_text("utf-8"))
    c.expect(record.get("text") == text, "the record's text is not the input as read (offsets would move)")
    for e in record.get("events", []):
        t = e.get("trigger") or {}
        if t.get("text"):
            c.expect(text[t["start"] : t["end"]] == t["text"], f"trigger offsets {t} do not hold")
    c.expect(bool(record.get("events")), "no event found in the HTML article")
    return c.outcome()


def article_10mb(tmp: Path) -> Outcome:
    c = Checks()
    _write(tmp / "in" / "good.txt", STRIKE)
    _write(tmp / "in" / "huge.txt", (STRIKE + "\n") * (10_000_000 // len(STRIKE.encode())))
    _jsonl(
        tmp / "in" / "huge.jsonl",
        [_line(id="huge-line", text=STRIKE * 70_000), _line(id="after", text=STRIKE)],
    )
    _build(c, tmp, [tmp / "in"], expected=2, reported=["huge.txt", "huge.jsonl:1"])
    return c.outcome()


def broken_sidecars(tmp: Path) -> Outcome:
    c = Checks()
    sidecars = {
        "notjson": "{not json",
        "list": "[]",
        "number": '{"title": 5}',
        "deep": "[" * 200_000,
        "huge": json.dumps({"title": "ع" * 1_500_000}),
        "baddate": '{"published": "9999-99-99"}',
        "surrogate": '{"title": "\\ud800"}',
        "binary": "\x00\x01\xff",
    }
    for name, meta in sidecars.items():
        _write(tmp / "in" / f"{name}.txt", STRIKE)
        _write(tmp / "in" / f"{name}.meta.json", meta)
    _write(tmp / "in" / "good.txt", STRIKE)
    _write(tmp / "in" / "good.meta.json", '{"published": "2016-02-03", "outlet": "Okaz"}')
    _build(c, tmp, [tmp / "in"], expected=1, reported=[f"{n}.txt" for n in sidecars])
    return c.outcome()


def ids_in_unsafe_characters(tmp: Path) -> Outcome:
    c = Checks()
    raws = ["a/b", "a_b", "a\x00b", "a\nb", "../a_b", "a b"]
    path = _jsonl(tmp / "c.jsonl", [_line(id=r, text=STRIKE) for r in raws])
    out, _ = _build(c, tmp, [path], expected=len(raws), reported=[])
    c.expect(len(list((out / "records").glob("*.json"))) == len(raws), "record files collided")
    return c.outcome()


def repeated_id_in_jsonl(tmp: Path) -> Outcome:
    c = Checks()
    lines = [_line(id="x", text=STRIKE), _line(id="y", text=STRIKE), _line(id="x", text=CASABLANCA)]
    path = _jsonl(tmp / "c.jsonl", lines)
    _write(tmp / "in" / "y.txt", STRIKE)
    out, _ = _build(c, tmp, [path, tmp / "in"], expected=2, reported=["c.jsonl:3", "y.txt"])
    record = json.loads((out / "records" / "x.json").read_text("utf-8"))
    c.expect(record.get("text") == STRIKE, "the first article of id x was overwritten by a later one")
    return c.outcome()


def add_replacing_is_reported(tmp: Path) -> Outcome:
    c = Checks()
    store = tmp / "store"
    _write(tmp / "a" / "x.txt", STRIKE)
    _write(tmp / "b" / "x.txt", CASABLANCA)
    first = c.ran(cli(["add", str(tmp / "a"), "--store", str(store)], tmp))
    second = c.ran(cli(["add", str(tmp / "b"), "--store", str(store)], tmp))
    c.expect(
        first.returncode == 0 and second.returncode == 0, f"add exits {first.returncode}, {second.returncode}"
    )
    c.expect("replaced 'x'" in second.stderr, "replacing the stored article x was not reported")
    return c.outcome()


def arabic_id_300_letters(tmp: Path) -> Outcome:
    c = Checks()
    ids = ["ق" * 300, "ق" * 299 + "ف"]
    path = _jsonl(tmp / "c.jsonl", [_line(id=i, text=STRIKE) for i in ids])
    _build(c, tmp, [path], expected=2, reported=[])
    return c.outcome()


def lone_surrogate_in_text(tmp: Path) -> Outcome:
    c = Checks()
    lines = ['{"id": "s", "text": "\\ud800 ' + STRIKE + '"}', _line(id="ok", text=STRIKE)]
    _build(c, tmp, [_jsonl(tmp / "c.jsonl", lines)], expected=1, reported=["c.jsonl:1"])
    return c.outcome()


def deeply_nested_line(tmp: Path) -> Outcome:
    c = Checks()
    lines = ["[" * 200_000, '{"id": 1' + "0" * 5000 + ', "text": "قصف"}', _line(id="ok", text=STRIKE)]
    _build(c, tmp, [_jsonl(tmp / "c.jsonl", lines)], expected=1, reported=["c.jsonl:1", "c.jsonl:2"])
    return c.outcome()


def sidecar_surrogate_in_add(tmp: Path) -> Outcome:
    c = Checks()
    _write(tmp / "in" / "a.txt", STRIKE)
    _write(tmp / "in" / "a.meta.json", '{"title": "\\ud83d"}')
    _write(tmp / "in" / "b.txt", CASABLANCA)
    proc = c.ran(cli(["add", str(tmp / "in"), "--store", str(tmp / "store")], tmp))
    c.expect(proc.returncode == 0, f"add exit {proc.returncode}: {proc.stderr.strip()[-200:]}")
    c.expect("a.txt" in proc.stderr, "the bad sidecar's article was not reported")
    c.expect("1 articles added" in proc.stderr, "the good article was not added")
    return c.outcome()


def gzip_of_a_4gib_line(tmp: Path) -> Outcome:
    """4 GiB of one line in ~4 MB of gzip: read in bounded chunks, skipped, the next line read."""
    c = Checks()
    path = tmp / "bomb.jsonl.gz"
    deflate = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"a" * (64 << 20)
    with path.open("wb") as fh:
        fh.write(deflate.compress(b'{"id": "bomb", "text": "'))
        for _ in range(64):
            fh.write(deflate.compress(chunk))
        fh.write(deflate.compress(b'"}\n' + _line(id="after", text=STRIKE).encode() + b"\n"))
        fh.write(deflate.flush())
    c.expect(path.stat().st_size < 8 << 20, f"the gzip is {path.stat().st_size:,} bytes")
    _build(c, tmp, [path], expected=1, reported=["bomb.jsonl.gz:1"])
    return c.outcome()


def many_brace_lines(tmp: Path) -> Outcome:
    """33 MiB of `{}` lines, 11.5 million errors (HARDENING_FULL=1: 1 GiB, 359 million)."""
    c = Checks()
    path = tmp / "braces.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=1) as fh:
        block = b"{}\n" * (1 << 20)
        for _ in range(BRACE_BLOCKS):
            fh.write(block)
        fh.write(_line(id="ok", text=STRIKE).encode() + b"\n")
    out = tmp / "out"
    proc = c.ran(cli(["build", str(path), "--out", str(out), *QUICK], tmp, timeout=60 * BRACE_BLOCKS))
    c.expect(proc.returncode == 0, f"build exit {proc.returncode}")
    c.articles(out / "graph.ttl", 1)
    c.expect(proc.stderr.count("\n") < 1100, f"{proc.stderr.count(chr(10)):,} lines of messages")
    c.expect(f"{BRACE_BLOCKS << 20} skipped" in proc.stderr, "the skipped lines were not all counted")
    c.expect(proc.peak_kib < 600 << 10, f"peak {proc.peak_kib >> 10} MiB")  # type: ignore[attr-defined]
    return c.outcome()


def hostile_corpus_on_the_pool(tmp: Path) -> Outcome:
    """Every hostile line at once, through `extract` and `build` with two worker processes."""
    c = Checks()
    good = [_line(id=f"g{i}", text=STRIKE if i % 2 else CASABLANCA) for i in range(40)]
    hostile = [
        '{"id": "s", "text": "\\ud800 قصف"}',
        "[" * 200_000,
        "{}",
        _line(id="g3", text=STRIKE),
        _line(id="a/b", text=STRIKE),
        _line(id="a_b", text=STRIKE),
        _line(id="d", text=STRIKE, published="9999-99-99"),
        _line(id=None, text=STRIKE),
        "\x00\x01 not json",
    ]
    path = _jsonl(tmp / "c.jsonl", good[:20] + hostile + good[20:])
    two = ["--workers", "2", "--quiet"]
    proc = c.ran(cli(["extract", str(path), "--out", str(tmp / "x"), *two], tmp))
    c.expect(proc.returncode == 0, f"extract exit {proc.returncode}")
    c.expect(len(list((tmp / "x" / "records").glob("*.json"))) == 42, "extract did not write 42 records")
    proc = c.ran(cli(["build", str(path), "--out", str(tmp / "out"), *two, "--no-html"], tmp))
    c.expect(proc.returncode == 0 and "42 articles, 7 skipped" in proc.stderr, proc.stderr[-200:])
    c.articles(tmp / "out" / "graph.ttl", 42)
    return c.outcome()


def truncated_gzip(tmp: Path) -> Outcome:
    """A .jsonl.gz cut short, and one that is no gzip at all: what was read stays, one message."""
    c = Checks()
    data = gzip.compress(("\n".join(_line(id=f"t{i}", text=STRIKE) for i in range(50)) + "\n").encode())
    cut = _write(tmp / "in" / "cut.jsonl.gz", data[: len(data) * 2 // 3])
    _write(tmp / "in" / "fake.jsonl.gz", b"this is not gzip\n")
    _write(tmp / "in" / "good.txt", STRIKE)
    whole_lines = zlib.decompressobj(31).decompress(cut.read_bytes()).count(b"\n")  # before the cut
    _, err = _build(
        c, tmp, [tmp / "in"], expected=1 + whole_lines, reported=["cut.jsonl.gz", "fake.jsonl.gz"]
    )
    c.expect(cut.exists(), "input removed")
    c.expect(" 0 skipped" not in err, "no input reported as skipped")
    return c.outcome()


def file_name_not_utf8(tmp: Path) -> Outcome:
    """A file name whose bytes are not UTF-8 (Python sees surrogates): filed and printed safely."""
    c = Checks()
    folder = tmp / "in"
    folder.mkdir()
    Path(os.fsdecode(os.fsencode(folder) + b"/art\xff\xfe.txt")).write_text(STRIKE, encoding="utf-8")
    Path(os.fsdecode(os.fsencode(folder) + b"/bad\xff.txt")).write_bytes(b"")
    _build(c, tmp, [folder], expected=1, reported=["bad"])
    return c.outcome()


def _csv_cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [cell for row in csv.reader(fh) for cell in row]


def _formula(cell: str) -> bool:
    """What a spreadsheet would evaluate: = + - @ first, unless the cell is a number."""
    if not cell.startswith(("=", "+", "-", "@", "\t", "\r")):
        return False
    try:
        float(cell)
    except ValueError:
        return True
    return False


def csv_formula_outlet(tmp: Path) -> Outcome:
    c = Checks()
    _write(tmp / "in" / "w.txt", CASABLANCA)
    _write(tmp / "in" / "w.meta.json", json.dumps({"published": "2016-05-01", "outlet": FORMULA}))
    out, _ = _build(c, tmp, [tmp / "in"], expected=1, reported=[])
    cells = _csv_cells(out / "events.csv")
    c.expect(not [x for x in cells if _formula(x)], f"formula cells: {[x for x in cells if _formula(x)][:2]}")
    c.expect("'" + FORMULA in cells, "the outlet is not in events.csv as quoted text")
    c.expect(any(x.startswith("-7.") for x in cells), "Casablanca's negative longitude is not a plain number")
    q = "SELECT ?n WHERE { ?o a schema:Organization ; schema:name ?n }"
    proc = c.ran(cli(["query", str(out / "graph.ttl"), q, "--format", "csv"], tmp))
    c.expect(proc.returncode == 0 and "'" + FORMULA in proc.stdout, "query --format csv did not neutralise")
    return c.outcome()


def identical_runs_identical_bytes(tmp: Path) -> Outcome:
    """Two builds of the same input, in processes with different string hashing."""
    c = Checks()
    _write(tmp / "in" / "a.txt", STRIKE)
    _write(
        tmp / "in" / "b.txt",
        "وقالت مصادر إن غارة جوية استهدفت بلدة سراقب وبلدة معرة النعمان وأريحا في ريف إدلب.",
    )
    _write(tmp / "in" / "c.txt", CASABLANCA)
    for seed in ("1", "2"):
        args = [
            "build",
            str(tmp / "in"),
            "--out",
            str(tmp / seed),
            "--workers",
            "1",
            "--quiet",
            "--formats",
            ALL,
        ]
        proc = c.ran(cli(args, tmp, env={"PYTHONHASHSEED": seed}))
        c.expect(proc.returncode == 0, f"build exit {proc.returncode}")
    for name in ("graph.ttl", "events.csv", "graph.nt", "graph.jsonld", "graph.html", "graph.graphml"):
        a, b = tmp / "1" / name, tmp / "2" / name
        c.expect(
            a.exists() and a.read_bytes() == b.read_bytes(), f"{name} differs between two identical runs"
        )
    c.articles(tmp / "1" / "graph.ttl", 3)
    return c.outcome()


def validate_plain_json(tmp: Path) -> Outcome:
    c = Checks()
    path = _write(tmp / "data.json", json.dumps({"id": "x", "text": STRIKE}))
    proc = c.ran(cli(["validate", str(path)], tmp))
    c.expect(proc.returncode == 2, f"validate exit {proc.returncode}")
    c.expect("conforms" not in proc.stdout + proc.stderr, "a JSON file that is no graph 'conforms'")
    c.expect(
        proc.stderr.count("\n") == 1 and "no RDF triples" in proc.stderr, f"message: {proc.stderr[:200]!r}"
    )
    return c.outcome()


def impossible_publication_dates(tmp: Path) -> Outcome:
    c = Checks()
    bad = ["9999-99-99", "2015-02-30", "2015-07-22T25:00"]
    lines = [_line(id=f"j{i}", text=STRIKE, published=d) for i, d in enumerate(bad)]
    for i, d in enumerate(bad):
        _write(tmp / "in" / f"t{i}.txt", STRIKE)
        _write(tmp / "in" / f"t{i}.meta.json", json.dumps({"published": d}))
    _write(tmp / "in" / "good.txt", STRIKE)
    _write(tmp / "in" / "good.meta.json", json.dumps({"published": "2016-02-29"}))
    inputs = [tmp / "in", _jsonl(tmp / "c.jsonl", lines)]
    reported = [f"t{i}.txt" for i in range(3)] + [f"c.jsonl:{i + 1}" for i in range(3)]
    _build(c, tmp, inputs, expected=1, reported=reported)
    return c.outcome()


def _query_refused(c: Checks, tmp: Path, ttl: Path, *params: str) -> None:
    args = ["query", str(ttl)]
    for p in params:
        args += ["--param", p] if "=" in p else ["--name", p]
    proc = c.ran(cli(args, tmp))
    c.expect(proc.returncode != 0, f"{params} accepted")
    c.expect(
        proc.stderr.count("\n") == 1 and "not a valid" in proc.stderr, f"{params}: {proc.stderr[:200]!r}"
    )


def impossible_query_values(tmp: Path) -> Outcome:
    c = Checks()
    out, _ = _build(c, tmp, [_write(tmp / "in" / "a.txt", STRIKE)], expected=1, reported=[])
    ttl = out / "graph.ttl"
    for km in ("NaN", "Infinity", "1e999", "1_0"):
        _query_refused(c, tmp, ttl, "events_near", "place=سراقب", f"km={km}")
    for day in ("since=9999-99-99", "until=2015-02-30"):
        _query_refused(c, tmp, ttl, "who_attacked_whom", day)
    return c.outcome()


def escapes_never_reach_the_terminal(tmp: Path) -> Outcome:
    """Names, ids and outlets holding terminal escapes and bidi overrides: printed clean."""
    c = Checks()
    _write(tmp / "in" / f"bad{ESCAPES}.txt", b"")
    _write(tmp / "in" / "w.txt", CASABLANCA)
    _write(tmp / "in" / "w.meta.json", json.dumps({"published": "2016-05-01", "outlet": f"Okaz{ESCAPES}"}))
    lines = [_line(id=f"id{ESCAPES}", text="English only"), _line(id="x", text=STRIKE, title=f"t{ESCAPES}")]
    out, err = _build(c, tmp, [tmp / "in", _jsonl(tmp / "c.jsonl", lines)], expected=2, reported=["bad"])
    shown = [err]
    for args in (["--name", "fatalities_by_actor"], ["SELECT ?n WHERE { ?o schema:name ?n }"]):
        proc = c.ran(cli(["query", str(out / "graph.ttl"), *args], tmp))
        shown.append(proc.stdout)
    proc = c.ran(cli(["stats", str(out / "graph.ttl")], tmp))
    shown.append(proc.stdout)
    for text in shown:
        c.expect(not any(ch in text for ch in "\x1b\x07\u202e\u2066"), f"escape shown: {text[:120]!r}")
    c.expect(
        not any(ch in x for x in _csv_cells(out / "events.csv") for ch in "\x1b\u202e"),
        "escape in events.csv",
    )
    return c.outcome()


CASES: list[Case] = [
    Case("empty_file", _one_bad_file("empty.txt", b"", "empty")),
    Case("binary_file", _one_bad_file("binary.txt", b"\x00\x01\x02\xff" * 100, "binary")),
    Case("latin1_file", _one_bad_file("latin1.txt", "café سراقب قصف".encode("cp1256"), "UTF-8")),
    Case("latin_only_text", _one_bad_file("english.txt", b"Only English text here.", "Arabic")),
    Case("html_article", html_article),
    Case("article_10mb", article_10mb),
    Case("broken_sidecars", broken_sidecars),
    Case("ids_in_unsafe_characters", ids_in_unsafe_characters),
    Case("ids_repeated", repeated_id_in_jsonl),
    Case("ids_add_replacing_reported", add_replacing_is_reported),
    Case("ids_arabic_300_letters", arabic_id_300_letters),
    Case("lone_surrogate_in_text", lone_surrogate_in_text),
    Case("deeply_nested_line", deeply_nested_line),
    Case("sidecar_surrogate_in_add", sidecar_surrogate_in_add),
    Case("lines_gzip_of_a_4gib_line", gzip_of_a_4gib_line),
    Case("lines_many_brace_lines", many_brace_lines),
    Case("hostile_corpus_on_the_pool", hostile_corpus_on_the_pool),
    Case("truncated_gzip", truncated_gzip),
    Case("file_name_not_utf8", file_name_not_utf8),
    Case("csv_formula_outlet", csv_formula_outlet),
    Case("identical_runs_identical_bytes", identical_runs_identical_bytes),
    Case("validate_plain_json", validate_plain_json),
    Case("strict_publication_dates", impossible_publication_dates),
    Case("strict_query_values", impossible_query_values),
    Case("text_escapes_never_shown", escapes_never_reach_the_terminal),
]
