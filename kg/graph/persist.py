"""A graph store on disk that grows article by article and is never seen half-changed.

Layout of a store directory:

    STORE/CURRENT          name of the live generation (replaced atomically: the commit point)
    STORE/gen-000007/      the live generation:
        oxigraph/          the graph (an Oxigraph database)
        state.json         the merge state: features of every report, matching pairs, clusters
                           (JSON, never a pickle: loading a pickle from a folder runs its code)
        manifest.json      base IRI and the input digest of every article in the graph
    STORE/records/ID.json  the extraction record of every article in the graph

An addition works on a new generation: the live Oxigraph database is copied into it
(kg.graph.store.checkpoint: hard links to RocksDB's immutable files, so it costs little however
large the graph), new records are checked (once: kg.graph.check) and matched, the incidents they
touch are reclustered and their triples replaced, and only then is CURRENT switched. A run that
fails or is killed at any point before the switch leaves the old generation live and untouched;
the half-made one is removed the next time the store is opened. New record files wait inside
the new generation and are moved into records/ after the switch (finished on next open if a run
dies in between), so records/ only ever holds articles the live graph contains.

The store takes records only; extracting the inputs it lacks is the run's work (kg.run.add).
Re-extraction is never needed: a rebuild (`rebuild`, or adding an article whose text changed)
re-merges from records/.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from kg.graph import iris
from kg.graph.build import RecordLayers, add_ontology, record_layers
from kg.graph.check import CheckedRecord, CheckedSource, RecordError, checked
from kg.graph.merge import (
    Change,
    Claims,
    MergeState,
    add_features,
    cluster_iris,
    cluster_triples,
    event_claims,
    event_key,
    merge_state_of,
    merged_triples,
    new_state,
    split_cluster,
)
from kg.graph.report_features import report_features
from kg.graph.state_file import StateFileError, read_state, write_state
from kg.graph.store import (
    StoreReadError,
    add_triples,
    checkpoint,
    close_graph,
    live_database,
    new_graph,
    open_read_only,
)
from kg.vocab.record import ExtractionRecord
from kg.vocab.record_file import DIGEST_KEY, atomic_path, parse_record, record_bytes
from kg.vocab.terms import DEFAULT_BASE

FORMAT = 2  # 1: the merge state was state.pickle, which this version never loads
STATE_FILE = "state.json"
MANIFEST_FILE = "manifest.json"


class StoreError(RuntimeError):
    """A store that cannot be used as asked (wrong base IRI, unknown event, locked...)."""


@dataclass
class AddSummary:
    """What an addition did; the run that extracts the records adds its own errors (kg.run.add)."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
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
            close_graph(g)

    # --- changing -------------------------------------------------------------------------

    def add_records(
        self, records: Iterable[ExtractionRecord | CheckedRecord], summary: AddSummary | None = None
    ) -> AddSummary:
        """Add extracted records (stamped with their input digest, if known): each is checked
        here, once; one the graph cannot hold is listed in `summary.rejected` and left out."""
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

    def _add(
        self,
        gen: Path,
        number: int,
        manifest: Manifest,
        records: Iterable[ExtractionRecord | CheckedRecord],
        summary: AddSummary,
    ) -> None:
        new, digests = self._intake(records, manifest, gen / "staged", summary)
        if not new:
            raise _NothingToDo
        changed = [aid for aid in new if aid in manifest.articles]
        summary.replaced = sorted(changed)
        state = self._state(manifest)
        articles = dict(manifest.articles)
        articles.update(digests)
        if changed or self.live() is None:
            # a changed article may have left triples shared with others: rebuild from records
            def read() -> Iterator[ExtractionRecord | CheckedRecord]:
                for aid in sorted(articles):
                    yield new[aid] if aid in new else self.read_record(aid)

            state = self._rebuild_graph(gen, CheckedSource(read), state.splits)
            summary.rebuilt = bool(changed)
            summary.merged = sum(len(c.members) > 1 for c in state.clusters.values())
        else:
            checkpoint(self.live() / "oxigraph", gen / "oxigraph")  # type: ignore[operator]
            dates = state.rules.dates
            feats = [f for aid in sorted(new) for f in report_features(new[aid].record, self.base, dates)]
            change = add_features(state, feats)
            with _opened(gen) as graph:
                self._apply(graph, state, change, new, layer_a_of=sorted(new))
            summary.merged = len(change.merged)
        summary.added = sorted(new)
        self._commit(gen, state, Manifest(self.base, articles, number))

    @staticmethod
    def _intake(
        records: Iterable[ExtractionRecord | CheckedRecord],
        manifest: Manifest,
        staged: Path,
        summary: AddSummary,
    ) -> tuple[dict[str, CheckedRecord], dict[str, str]]:
        """The records to add, each checked once here (the rest of the addition trusts them), and
        their digests; their files are staged in the new generation."""
        staged.mkdir()
        new: dict[str, CheckedRecord] = {}
        digests: dict[str, str] = {}
        for one in records:
            try:
                r = checked(one)
            except RecordError as exc:
                summary.rejected.append(f"{exc.article_id}: " + "; ".join(exc.problems))
                continue
            rec = r.record
            if rec.errors and not rec.events and not rec.actors and not rec.locations:
                summary.rejected.append("; ".join(rec.errors))
                continue
            data = record_bytes(rec)
            digest = rec.meta.get(DIGEST_KEY) or hashlib.sha256(data).hexdigest()
            if manifest.articles.get(rec.article_id) == digest or rec.article_id in new:
                summary.unchanged.append(rec.article_id)
                continue
            new[rec.article_id] = r
            digests[rec.article_id] = digest
            # the generation is private until the commit: no need for a rename per file here
            (staged / f"{rec.article_id}.json").write_bytes(data)
        return new, digests

    def _rebuild_graph(self, gen: Path, source: CheckedSource, splits: Iterable[Iterable[str]]) -> MergeState:
        """Match everything `source` reads, then write the whole graph into the new generation."""
        state = merge_state_of(source(), self.base, splits)
        with _opened(gen) as graph:
            add_ontology(graph)
            add_triples(graph, merged_triples(source(), state), bulk=True)
        return state

    def _apply(
        self,
        graph: Graph,
        state: MergeState,
        change: Change,
        new: dict[str, CheckedRecord],
        layer_a_of: Iterable[str] = (),
    ) -> None:
        """Replace the incident layer of every changed cluster; add new records' record layer."""
        for cl in change.removed:
            for node in cluster_iris(cl, self.base):
                graph.remove((node, None, None))
                graph.remove((None, None, node))
        layers: dict[str, RecordLayers] = {aid: record_layers(new[aid], self.base) for aid in layer_a_of}
        for done in layers.values():
            add_triples(graph, done.record)
        needed = sorted({state.features[k].article for cl in change.added for k in cl.members})
        raw: dict[str, list] = {}
        claims: dict[str, Claims] = {}
        wanted = {k for cl in change.added for k in cl.members}
        for aid in needed:
            one = new.get(aid) or checked(self.read_record(aid))
            events = (layers.get(aid) or record_layers(one, self.base)).events
            for e in one.record.events:
                key = event_key(self.base, aid, e.id)
                if key in wanted:
                    raw[key] = events[key]
                    claims[key] = event_claims(one.record, e, self.base)
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
                checkpoint(self.live() / "oxigraph", gen / "oxigraph")  # type: ignore[operator]
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
                kept = ([k for k in g if iris.article_of_event(k, self.base) not in drop] for g in old.splits)
                keep_splits = [group for group in kept if len(group) > 1]
                source = CheckedSource(lambda: self.records(sorted(articles)))
                state = self._rebuild_graph(gen, source, keep_splits)
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
        close_graph(graph)
