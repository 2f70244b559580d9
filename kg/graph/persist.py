"""A graph store on disk that grows article by article and is never seen half-changed.

Layout of a store directory:

    STORE/CURRENT          name of the live generation (replaced atomically: the commit point)
    STORE/gen-000007/      the live generation:
        oxigraph/          the graph (an Oxigraph database)
        state.json         the merge state: features of every report, matching pairs, clusters
                           (JSON, never a pickle: loading a pickle from a folder runs its code)
        manifest.json      base IRI and the input digest of every article in the graph
    STORE/records/ID.json  the extraction record of every article in the graph

An addition works on a new generation: the live Oxigraph database is checkpointed into it
(`Store.backup`, hard links to RocksDB's immutable files, so it costs little however large the
graph), new records are extracted and matched, the incidents they touch are reclustered and
their triples replaced, and only then is CURRENT switched. A run that fails or is killed at any
point before the switch leaves the old generation live and untouched; the half-made one is
removed the next time the store is opened. New record files wait inside the new generation and
are moved into records/ after the switch (finished on next open if a run dies in between), so
records/ only ever holds articles the live graph contains.

Re-extraction is never needed: a rebuild (`rebuild`, or adding an article whose text changed)
re-merges from records/.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from kg.graph import iris
from kg.graph.build import add_ontology, check_record
from kg.graph.cluster import Cluster
from kg.graph.merge import (
    Change,
    Claims,
    MergeState,
    add_features,
    add_triples,
    cluster_iris,
    cluster_triples,
    event_claims,
    event_key,
    merge_state_of,
    merged_triples,
    new_state,
    record_layers,
    split_cluster,
)
from kg.graph.report_features import report_features
from kg.graph.state_file import StateFileError, read_state, write_state
from kg.graph.store import StoreReadError, live_database, new_graph, open_read_only
from kg.ingest.inputs import InputError, iter_inputs
from kg.run.errorlog import ErrorLog
from kg.run.records import atomic_path, parse_record, record_bytes
from kg.run.resume import DIGEST_KEY, input_digest
from kg.vocab.record import ExtractionRecord
from kg.vocab.terms import DEFAULT_BASE

FORMAT = 2  # 1: the merge state was state.pickle, which this version never loads
STATE_FILE = "state.json"
MANIFEST_FILE = "manifest.json"


class StoreError(RuntimeError):
    """A store that cannot be used as asked (wrong base IRI, unknown event, locked...)."""


@dataclass
class AddSummary:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: ErrorLog = field(default_factory=ErrorLog)  # inputs that could not be read or extracted
    replaced: list[str] = field(default_factory=list)  # ids already stored, now with other text or metadata
    rejected: list[str] = field(default_factory=list)  # records the graph cannot hold, and why
    merged: int = 0  # incidents now told by more than one report, among those touched
    rebuilt: bool = False


@dataclass
class Manifest:
    base: str
    articles: dict[str, str]  # article id -> input digest
    generation: int
    format: int = FORMAT

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=1, sort_keys=True)


class GraphStore:
    """One store directory; every change goes through a new generation and one rename."""

    def __init__(self, path: str | Path, base: str = DEFAULT_BASE) -> None:
        self.path = Path(path)
        self.base = iris.check_base(base)
        self.records_dir = self.path / "records"

    # --- layout ---------------------------------------------------------------------------

    def _live_name(self) -> str | None:
        try:
            name = (self.path / "CURRENT").read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return name or None

    def live(self) -> Path | None:
        name = self._live_name()
        return self.path / name if name else None

    def manifest(self, upgrade: bool = False) -> Manifest:
        """The live generation's manifest; `upgrade` accepts an old format (rebuild only)."""
        live = self.live()
        if live is None:
            return Manifest(self.base, {}, 0)
        raw = json.loads((live / MANIFEST_FILE).read_text(encoding="utf-8"))
        m = Manifest(**raw)
        if m.format == 1 and not upgrade:
            raise StoreError(
                f"{self.path}: made by an older conflict-kg, whose merge state (state.pickle) is never "
                f"loaded as it could run code; rebuild it from its records with `conflict-kg add "
                f"--rebuild --store {self.path}` (merges undone by split must be split again)"
            )
        if m.format not in (FORMAT, 1):
            raise StoreError(f"{self.path}: store format {m.format}, this version reads {FORMAT}")
        if m.base != self.base:
            raise StoreError(f"{self.path}: the store's IRI base is {m.base!r}, not {self.base!r}")
        return m

    def _state(self, manifest: Manifest) -> MergeState:
        live = self.live()
        if live is None:
            return new_state(self.base)
        try:
            return read_state(live / STATE_FILE)
        except (OSError, StateFileError) as exc:
            raise StoreError(str(exc)) from exc

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.mkdir(parents=True, exist_ok=True)
        with (self.path / ".lock").open("a") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreError(f"{self.path}: another conflict-kg process is changing this store") from None
            try:
                self._recover()
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _recover(self) -> None:
        """Finish a committed run's record moves; drop generations a failed run left behind."""
        live = self._live_name()
        for d in self.path.glob("gen-*"):
            if d.name != live:
                shutil.rmtree(d, ignore_errors=True)
        if live:
            self._publish_records(self.path / live)
        for tmp in self.path.glob(".CURRENT.*"):
            tmp.unlink(missing_ok=True)

    def _publish_records(self, gen: Path) -> None:
        staged = gen / "staged"
        if not staged.is_dir():
            return
        self.records_dir.mkdir(parents=True, exist_ok=True)
        for f in sorted(staged.glob("*.json")):
            os.replace(f, self.records_dir / f.name)
        for f in sorted((staged / "removed").glob("*")) if (staged / "removed").is_dir() else []:
            (self.records_dir / f.name).unlink(missing_ok=True)
        shutil.rmtree(staged)

    def _new_generation(self, manifest: Manifest) -> tuple[Path, int]:
        number = manifest.generation + 1
        gen = self.path / f"gen-{number:06d}"
        if gen.exists():
            shutil.rmtree(gen)
        gen.mkdir(parents=True)
        return gen, number

    def _commit(self, gen: Path, state: MergeState, manifest: Manifest) -> None:
        write_state(state, gen / STATE_FILE)
        (gen / MANIFEST_FILE).write_text(manifest.to_json(), encoding="utf-8")
        old = self.live()
        with atomic_path(self.path / "CURRENT") as tmp:
            tmp.write_text(gen.name + "\n", encoding="utf-8")
            with tmp.open("rb") as fh:
                os.fsync(fh.fileno())
        self._publish_records(gen)
        if old is not None and old != gen:
            shutil.rmtree(old, ignore_errors=True)

    # --- reading --------------------------------------------------------------------------

    def read_record(self, article_id: str) -> ExtractionRecord:
        return parse_record((self.records_dir / f"{article_id}.json").read_bytes())

    def records(self, ids: Iterable[str] | None = None) -> Iterator[ExtractionRecord]:
        ids = sorted(self.manifest().articles) if ids is None else ids
        for aid in ids:
            yield self.read_record(aid)

    @contextmanager
    def graph(self) -> Iterator[Graph]:
        """The live graph, for export and queries: opened read-only (reading writes nothing into
        the store, which may sit on a read-only disk), under a shared hold of the store's lock."""
        if live_database(self.path) is None:
            raise StoreError(f"{self.path}: empty store (nothing added yet), or not a conflict-kg store")
        try:
            g = open_read_only(self.path)
        except StoreReadError as exc:
            raise StoreError(str(exc)) from exc
        try:
            yield g
        finally:
            _close(g)

    # --- changing -------------------------------------------------------------------------

    def add_records(
        self, records: Iterable[ExtractionRecord], summary: AddSummary | None = None
    ) -> AddSummary:
        """Add already-extracted records (stamped with their input digest, if known)."""
        summary = summary or AddSummary()
        with self._locked():
            manifest = self.manifest()
            gen, number = self._new_generation(manifest)
            try:
                self._add(gen, number, manifest, records, summary)
            except _NothingToDo:
                shutil.rmtree(gen, ignore_errors=True)
            except BaseException:
                shutil.rmtree(gen, ignore_errors=True)
                raise
        return summary

    def add(
        self,
        inputs: Iterable[str | Path],
        extractor: object = None,
        workers: int | None = 1,
        on_error: Callable[[str], None] | None = None,
    ) -> AddSummary:
        """Extract articles not in the store (or changed since) and add them in one step."""
        from kg.run.parallel import DEFAULT_FACTORY, Reused, local_backend, ordered_outcomes

        summary = AddSummary()
        known = self.manifest().articles if self.live() else {}

        def unchanged(article: object) -> bool:
            return known.get(article.id) == input_digest(article)  # type: ignore[attr-defined]

        def fresh() -> Iterator[ExtractionRecord]:
            items, backend = local_backend(iter_inputs(inputs), extractor or DEFAULT_FACTORY, workers)
            try:
                for outcome in ordered_outcomes(items, backend, skip=unchanged):
                    if isinstance(outcome, InputError):
                        if summary.errors.add(str(outcome)) and on_error:
                            on_error(str(outcome))
                    elif isinstance(outcome, Reused):
                        summary.unchanged.append(outcome.article_id)
                    else:
                        yield outcome.record()
            finally:
                backend.close()

        return self.add_records(fresh(), summary)

    def _add(
        self,
        gen: Path,
        number: int,
        manifest: Manifest,
        records: Iterable[ExtractionRecord],
        summary: AddSummary,
    ) -> None:
        staged = gen / "staged"
        staged.mkdir()
        new: dict[str, ExtractionRecord] = {}
        digests: dict[str, str] = {}
        for r in records:
            problems = check_record(r)
            if problems:
                summary.rejected.append(f"{r.article_id}: " + "; ".join(problems))
                continue
            if r.errors and not r.events and not r.actors and not r.locations:
                summary.rejected.append("; ".join(r.errors))
                continue
            data = record_bytes(r)
            digest = r.meta.get(DIGEST_KEY) or hashlib.sha256(data).hexdigest()
            if manifest.articles.get(r.article_id) == digest or r.article_id in new:
                summary.unchanged.append(r.article_id)
                continue
            new[r.article_id] = r
            digests[r.article_id] = digest
            # the generation is private until the commit: no need for a rename per file here
            (staged / f"{r.article_id}.json").write_bytes(data)
        if not new:
            raise _NothingToDo
        changed = [aid for aid in new if aid in manifest.articles]
        summary.replaced = sorted(changed)
        state = self._state(manifest)
        articles = dict(manifest.articles)
        articles.update(digests)
        if changed or self.live() is None:
            # a changed article may have left triples shared with others: rebuild from records
            def source() -> Iterator[ExtractionRecord]:
                for aid in sorted(articles):
                    yield new[aid] if aid in new else self.read_record(aid)

            state = merge_state_of(source(), self.base, state.splits)
            with _opened(gen) as graph:
                add_ontology(graph)
                add_triples(graph, merged_triples(source(), state), bulk=True)
            summary.rebuilt = bool(changed)
            summary.merged = sum(len(c.members) > 1 for c in state.clusters.values())
        else:
            _checkpoint(self.live(), gen)  # type: ignore[arg-type]
            dates = state.rules.dates
            feats = [f for aid in sorted(new) for f in report_features(new[aid], self.base, dates)]
            change = add_features(state, feats)
            with _opened(gen) as graph:
                self._apply(graph, state, change, new, layer_a_of=sorted(new))
            summary.merged = len(change.merged)
        summary.added = sorted(new)
        self._commit(gen, state, Manifest(self.base, articles, number))

    def _apply(
        self,
        graph: Graph,
        state: MergeState,
        change: Change,
        new: dict[str, ExtractionRecord],
        layer_a_of: Iterable[str] = (),
    ) -> None:
        """Replace the incident layer of every changed cluster; add new records' record layer."""
        for cl in change.removed:
            for node in cluster_iris(cl, self.base):
                graph.remove((node, None, None))
                graph.remove((None, None, node))
        layers = {aid: record_layers(new[aid], self.base) for aid in layer_a_of}
        for layer_a, _ in layers.values():
            add_triples(graph, layer_a)
        needed = sorted({state.features[k].article for cl in change.added for k in cl.members})
        raw: dict[str, list] = {}
        claims: dict[str, Claims] = {}
        wanted = {k for cl in change.added for k in cl.members}
        for aid in needed:
            record = new.get(aid) or self.read_record(aid)
            _, layer_b = layers.get(aid) or record_layers(record, self.base)
            for e in record.events:
                key = event_key(self.base, aid, e.id)
                if key in wanted:
                    raw[key] = layer_b[key]
                    claims[key] = event_claims(record, e, self.base)
        for cl in change.added:
            add_triples(graph, cluster_triples(cl, raw, claims, self.base))

    def split(self, event: str) -> Change:
        """Undo the merge of `event` (an event IRI) for good; its reports become events again."""
        with self._locked():
            manifest = self.manifest()
            state = self._state(manifest)
            key = str(URIRef(event))
            if key not in state.clusters or len(state.clusters[key].members) < 2:
                raise StoreError(f"{event}: not a merged event of this store")
            gen, number = self._new_generation(manifest)
            try:
                _checkpoint(self.live(), gen)  # type: ignore[arg-type]
                change = split_cluster(state, key)
                with _opened(gen) as graph:
                    self._apply(graph, state, change, {})
                self._commit(gen, state, Manifest(self.base, manifest.articles, number))
            except BaseException:
                shutil.rmtree(gen, ignore_errors=True)
                raise
        return change

    def rebuild(self, exclude: Iterable[str] = (), upgrade: bool = False) -> AddSummary:
        """Re-merge everything from records/ (no extraction), leaving out `exclude` articles.

        `upgrade` also takes a store of the old format, whose pickled state is not read: its
        splits are lost with it, so merges once undone come back until split again."""
        summary = AddSummary(rebuilt=True)
        drop = set(exclude)
        with self._locked():
            manifest = self.manifest(upgrade=upgrade)
            unknown = sorted(drop - set(manifest.articles))
            if unknown:
                raise StoreError(f"not in the store: {', '.join(unknown)}")
            gen, number = self._new_generation(manifest)
            try:
                articles = {a: d for a, d in manifest.articles.items() if a not in drop}
                old = new_state(self.base) if manifest.format == 1 else self._state(manifest)
                kept = ([k for k in group if _article_of(k, self.base) not in drop] for group in old.splits)
                keep_splits = [group for group in kept if len(group) > 1]

                def source() -> Iterator[ExtractionRecord]:
                    return self.records(sorted(articles))

                state = merge_state_of(source(), self.base, keep_splits)
                with _opened(gen) as graph:
                    add_ontology(graph)
                    add_triples(graph, merged_triples(source(), state), bulk=True)
                removed = gen / "staged" / "removed"
                removed.mkdir(parents=True)
                for aid in drop:
                    (removed / f"{aid}.json").touch()
                self._commit(gen, state, Manifest(self.base, articles, number))
            except BaseException:
                shutil.rmtree(gen, ignore_errors=True)
                raise
        summary.added = sorted(articles)
        return summary


class _NothingToDo(Exception):
    pass


@contextmanager
def _opened(gen: Path) -> Iterator[Graph]:
    """The generation's database, closed (its lock released) however the block ends."""
    graph = new_graph(gen / "oxigraph")
    try:
        yield graph
    finally:
        _close(graph)


def _close(graph: Graph) -> None:
    """Release the database lock: rdflib's close, and the second handle kg.graph.store keeps."""
    graph.close()
    if getattr(graph.store, "ox", None) is not None:
        graph.store.ox = None  # type: ignore[attr-defined]
    if getattr(graph.store, "lock", None) is not None:
        graph.store.lock.close()  # type: ignore[attr-defined]
        graph.store.lock = None  # type: ignore[attr-defined]


def _checkpoint(live: Path, gen: Path) -> None:
    """Copy the live database into `gen` cheaply, without opening it: RocksDB's table files
    (.sst) never change once written, so they are hard-linked; the small rest (log, manifest,
    options) is copied. Opening the live database to checkpoint it wrote into it (options
    files, logs), and a read-only opening would miss what its log holds."""
    source, target = live / "oxigraph", gen / "oxigraph"
    target.mkdir(parents=True)
    for f in sorted(source.iterdir()):
        if f.name == "LOCK":
            continue
        if f.suffix == ".sst":
            try:
                os.link(f, target / f.name)
                continue
            except OSError:
                pass
        shutil.copy2(f, target / f.name)


def _article_of(key: str, base: str) -> str:
    return key[len(f"{base}event/") :].rsplit("/", 1)[0]


def clusters_of(state: MergeState) -> list[Cluster]:
    return sorted(state.clusters.values(), key=lambda c: c.canonical)


def report(message: str) -> None:
    print(f"conflict-kg: skipped {message}", file=sys.stderr)
