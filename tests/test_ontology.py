"""The ontology and kg/vocab/terms.py must say the same thing; the mappings must cover the record."""

from __future__ import annotations

import pyoxigraph
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from kg.vocab import record as model
from kg.vocab import terms


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(terms.ONTOLOGY_PATH, format="turtle")


def _own(iri: URIRef) -> bool:
    return any(str(iri).startswith(str(ns)) for ns in terms.OWN_NAMESPACES)


def test_every_term_in_python_is_declared(onto: Graph) -> None:
    missing = [t for t in terms.ALL_TERMS if (t, RDF.type, None) not in onto]
    assert missing == []


def test_every_declared_term_has_a_python_constant(onto: Graph) -> None:
    declared = {s for s in onto.subjects(RDF.type, None) if isinstance(s, URIRef) and _own(s)}
    assert declared - set(terms.ALL_TERMS) == set()


def test_every_used_own_iri_is_declared(onto: Graph) -> None:
    """A typo in a mapping (acled:ArmedClsh) would otherwise pass silently."""
    used = {n for t in onto for n in t if isinstance(n, URIRef) and _own(n)}
    undeclared = {n for n in used if (n, RDF.type, None) not in onto}
    assert undeclared == set()


def test_mappings_cover_the_record_vocabulary() -> None:
    assert set(terms.EVENT_CLASS) == set(model.EVENT_TYPES)
    assert set(terms.ACTOR_CLASS) == set(model.ACTOR_KINDS)
    assert set(terms.ROLE_PROPERTY) == set(model.ROLES)
    assert set(terms.STATUS_CONCEPT) == set(model.STATUSES)
    assert set(terms.PLACE_KIND_CONCEPT) == set(model.PLACE_KINDS)
    assert set(terms.DATE_PRECISION_CONCEPT) == set(model.DATE_PRECISIONS)


def test_classes_and_properties_have_english_and_arabic_label_and_comment(onto: Graph) -> None:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    subjects = {s for k in kinds for s in onto.subjects(RDF.type, k) if _own(s)}
    assert len(subjects) == len(terms.CLASSES) + len(terms.PROPERTIES)
    for s in subjects:
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in onto.objects(s, prop) if isinstance(o, Literal)}
            assert {"en", "ar"} <= langs, (s, prop, langs)


def test_event_classes_are_sem_events_mapped_to_acled_sub_type(onto: Graph) -> None:
    for name, cls in terms.EVENT_CLASS.items():
        assert (cls, RDFS.subClassOf, terms.ConflictEvent) in onto, name
        subs = [
            c
            for p in (SKOS.closeMatch, SKOS.broadMatch)
            for c in onto.objects(cls, p)
            if c in terms.ACLED_CONCEPTS and (c, SKOS.broader, None) in onto
        ]
        assert len(subs) == 1, (name, subs)  # events.csv needs exactly one sub_event_type
        mapped_cameo = {
            c for p in (SKOS.closeMatch, SKOS.broadMatch, SKOS.relatedMatch)
            for c in onto.objects(cls, p) if c in terms.CAMEO_CONCEPTS
        }  # fmt: skip
        mapped_plover = {
            c for p in (SKOS.closeMatch, SKOS.broadMatch, SKOS.relatedMatch)
            for c in onto.objects(cls, p) if c in terms.PLOVER_CONCEPTS
        }  # fmt: skip
        if name != "other":  # "other" is deliberately unmapped outside ACLED
            assert mapped_cameo and mapped_plover, name
    assert (terms.ConflictEvent, RDFS.subClassOf, terms.SEM.Event) in onto


def test_actor_classes_are_sem_actors_with_inter_code(onto: Graph) -> None:
    for name, cls in terms.ACTOR_CLASS.items():
        assert (cls, RDFS.subClassOf, terms.SEM.Actor) in onto, name
        codes = [int(o) for o in onto.objects(cls, terms.interCode)]
        assert len(codes) == 1 and 1 <= codes[0] <= 8, name


def test_roles_are_sub_properties_of_sem_has_actor(onto: Graph) -> None:
    for prop in terms.ROLE_PROPERTY.values():
        assert (prop, RDFS.subPropertyOf, terms.SEM.hasActor) in onto


def test_independent_parser_reads_the_same_ontology(onto: Graph) -> None:
    store = pyoxigraph.Store()
    store.load(path=str(terms.ONTOLOGY_PATH), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(onto)


def test_shapes_list_exactly_the_terms_of_the_ontology() -> None:
    """The shapes spell the class and concept lists out; they must follow the ontology."""
    from rdflib.collection import Collection
    from rdflib.namespace import SH

    shapes = Graph().parse(terms.SHAPES_PATH, format="turtle")
    lists = [set(Collection(shapes, node)) for node in shapes.objects(None, SH["in"])]
    expected = [
        set(terms.EVENT_CLASS.values()),
        set(terms.ACTOR_CLASS.values()),
        set(terms.STATUS_CONCEPT.values()),
        set(terms.DATE_PRECISION_CONCEPT.values()),
        set(terms.PLACE_KIND_CONCEPT.values()),
    ]
    for want in expected:
        assert want in lists
    own = [s for s in lists if any(isinstance(t, URIRef) and _own(t) for t in s)]
    assert all(s in expected for s in own), "a shape lists terms that are not a full set"
    targets = set(shapes.objects(None, SH.targetClass))
    assert set(terms.EVENT_CLASS.values()) | set(terms.ACTOR_CLASS.values()) <= targets
