"""The components' declared contracts: every factory says what it requires and assigns, each
requirement is met by an earlier step in both pipelines, the declarations cover what the
components really read and write, and a config that leaves out a needed component is refused."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens.underscore import Underscore
from spacy.util import registry

from kg.extract.contracts import INPUTS, RECORD_REQUIRES, ContractError, check_exclusions
from kg.extract.pipeline import COMPONENT_MODULES, PIPELINES, make_nlp

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = sorted([*(ROOT / "seeds").glob("*.txt"), *(ROOT / "tests" / "fixtures" / "merge").glob("*.txt")])


def conflict_factories() -> list[str]:
    for module in COMPONENT_MODULES.values():
        importlib.import_module(module)
    return sorted(n for n in registry.factories.get_all() if n.startswith("conflict_"))


def test_every_registered_component_declares_requires_and_assigns() -> None:
    names = conflict_factories()
    assert set(COMPONENT_MODULES) <= set(names)
    for name in names:
        meta = Language.get_factory_meta(name)
        assert meta.requires, f"{name} declares no requires"
        assert meta.assigns, f"{name} declares no assigns"
        for attr in (*meta.requires, *meta.assigns):
            assert attr == "doc.spans" or attr.startswith("doc._."), f"{name}: {attr}"
            assert attr == "doc.spans" or Doc.has_extension(attr[6:]), f"{name}: {attr} not registered"


@pytest.mark.parametrize("kind", sorted(PIPELINES))
def test_each_requirement_is_assigned_by_an_earlier_component(kind: str) -> None:
    """spaCy's own analysis, which knows no tokenizer or caller: its only complaints may be
    about what those put on the doc before the first component."""
    nlp = make_nlp({"pipeline": kind})
    assert nlp.pipe_names == list(PIPELINES[kind])
    problems = nlp.analyze_pipes()["problems"]
    assert {n: [a for a in attrs if a not in INPUTS] for n, attrs in problems.items()} == {
        n: [] for n in nlp.pipe_names
    }
    assigned = {a for n in nlp.pipe_names for a in nlp.get_pipe_meta(n).assigns}
    assert set(RECORD_REQUIRES) <= assigned


class Watch:
    """Which `doc._` attributes are read and written while it is on (spaCy's own Underscore,
    logged on the way through)."""

    def __init__(self) -> None:
        self.reads: set[str] = set()
        self.writes: set[str] = set()
        self.on = False

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        get, put = Underscore.__getattr__, Underscore.__setattr__

        def logged_get(u: Underscore, name: str) -> object:
            if self.on and u._start is None:
                self.reads.add(f"doc._.{name}")
            return get(u, name)

        def logged_put(u: Underscore, name: str, value: object) -> None:
            if self.on and u._start is None:
                self.writes.add(f"doc._.{name}")
            put(u, name, value)

        monkeypatch.setattr(Underscore, "__getattr__", logged_get)
        monkeypatch.setattr(Underscore, "__setattr__", logged_put)


def _docs(nlp: Language) -> Iterator[Doc]:
    for path in ARTICLES:
        doc = nlp.make_doc(path.read_text(encoding="utf-8"))
        doc._.anchor = None
        yield doc


# the learned pipeline without eventness too: segments and roles then gather the facts themselves
CONFIGS = ({"pipeline": "rules"}, {"pipeline": "learned"}, {"exclude": ["conflict_eventness"]})


@pytest.mark.parametrize("config", CONFIGS, ids=("rules", "learned", "learned-no-eventness"))
def test_declarations_cover_what_components_read_and_write(
    config: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(ARTICLES) >= 5
    nlp = make_nlp(config)
    watch = Watch()
    watch.install(monkeypatch)
    seen: dict[str, tuple[set[str], set[str]]] = {n: (set(), set()) for n in nlp.pipe_names}
    for doc in _docs(nlp):
        for name, proc in nlp.pipeline:
            before = {k for k in doc.user_data if not isinstance(k, tuple)}
            watch.reads, watch.writes, watch.on = set(), set(), True
            doc = proc(doc)
            watch.on = False
            seen[name][0].update(watch.reads)
            seen[name][1].update(watch.writes)
            plain = {k for k in doc.user_data if not isinstance(k, tuple)} - before
            assert not plain, f"{name} put undeclared keys in doc.user_data: {plain}"
    for name, (reads, writes) in seen.items():
        meta = nlp.get_pipe_meta(name)
        assert writes <= set(meta.assigns), f"{name} writes {writes - set(meta.assigns)} undeclared"
        declared = set(meta.requires) | set(meta.assigns)
        assert reads <= declared, f"{name} reads {reads - declared} undeclared"
    assert seen["conflict_triggers"][0], "the watch saw no reads at all"


@pytest.mark.parametrize(
    ("config", "culprit", "needs"),
    [
        ({"exclude": ["conflict_places"]}, "conflict_places", "doc._.places"),
        ({"exclude": ["conflict_sentences", "conflict_status"]}, "conflict_sentences", "doc._.tok_sent"),
        ({"pipeline": "rules", "exclude": ["conflict_cues"]}, "conflict_cues", "doc._.cues"),
        ({"pipeline": "rules", "exclude": ["conflict_coref"]}, "conflict_coref", "doc._.events"),
        (
            {"exclude": ["conflict_segments", "conflict_roles"]},
            "conflict_roles, conflict_segments",
            "doc._.events",
        ),
    ],
)
def test_excluding_a_required_component_is_refused_with_the_reason(
    config: dict, culprit: str, needs: str
) -> None:
    with pytest.raises(ContractError, match=f"^cannot exclude {culprit}: .*{needs}") as err:
        make_nlp(config)
    assert "\n" not in str(err.value)
    assert "conflict_status" not in str(err.value).split(":")[0]  # excludable: not blamed


def test_components_no_one_needs_may_still_be_left_out() -> None:
    details = ["conflict_arguments", "conflict_status", "conflict_fatalities", "conflict_event_dates"]
    nlp = make_nlp({"exclude": [*details, "conflict_history", "conflict_eventness", "conflict_roles"]})
    kept = ["conflict_sentences", "conflict_places", "conflict_actors", "conflict_cues", "conflict_triggers"]
    assert nlp.pipe_names == [*kept, "conflict_segments"]
    assert make_nlp({"pipeline": "rules", "exclude": details}).pipe_names[-2:] == [
        "conflict_history",
        "conflict_coref",
    ]


def test_a_requirement_nothing_assigns_is_found() -> None:
    if not Language.has_factory("test_contracts_reader"):

        @Language.component("test_contracts_reader", requires=["doc._.nowhere"], assigns=["doc._.drafts"])
        def reader(doc: Doc) -> Doc:
            return doc

    if not Doc.has_extension("nowhere"):
        Doc.set_extension("nowhere", default=None)
    conflict_factories()
    names = [*PIPELINES["rules"], "test_contracts_reader"]
    with pytest.raises(ContractError, match=r"^pipeline not whole: doc\._\.nowhere .*test_contracts_reader"):
        check_exclusions(names, ())


@registry.misc("test_contracts.aleppo_only.v1")
def aleppo_only() -> list:
    from kg.lexicons import load_places

    return [p for p in load_places() if p.name_ar == "حلب"]


def test_the_gazetteer_is_chosen_through_config() -> None:
    text = "قصفت طائرات حربية مدينة حلب وبلدة سراقب في ريف إدلب أمس."
    shipped = make_nlp({"pipeline": "rules"})(text)
    small = make_nlp(
        {"pipeline": "rules", "conflict_places": {"places": {"@misc": "test_contracts.aleppo_only.v1"}}}
    )
    doc = small(text)

    def known(doc: Doc) -> list[str]:  # places matched in the gazetteer, not only cued («بلدة X»)
        return [p.label_ar for p in doc._.places if p.lexicon_id]

    assert known(shipped) == ["حلب", "سراقب", "ريف إدلب"]
    assert known(doc) == ["حلب"]
    assert small.config["components"]["conflict_places"]["places"] == {
        "@misc": "test_contracts.aleppo_only.v1"
    }
