"""One node per real-world actor and place across articles, and never one node for two.

The graph builder already keys actors and places on lexicon ids, Wikidata/GeoNames ids, or kind
+ country + folded name (kg.graph.iris). Resolution adds what only a cross-article view needs:

- a lone personal name ("الحسن", one word, no lexicon entry) stays local to its article, because
  two articles naming "the Hasan" may mean two people; a full name ("أحمد الحسن") is specific
  enough to meet itself in another article, and a different full name with the same family name
  ("محمد الحسن") is a different key;
- the English label the extractor gives from its lexicons and cue tables ("Russian air force")
  is the name key when there is one, so two Arabic wordings of one force meet;
- kinds that articles confuse for one actor (armed group / militia) share a key;
- a place's ancestors (its `within` chain in the record, then the gazetteer's parents) so the
  event matcher can tell that a town lies in a district.

Every function looks at one actor or place of one record only: resolution can never depend on
which other articles are in the graph, so adding articles never renames an existing node.
"""

from __future__ import annotations

from rdflib import URIRef

from kg.graph import iris
from kg.graph.hierarchy import gazetteer_chain
from kg.lexicons import places_by_id
from kg.vocab.record import Actor, ExtractionRecord, Place

# Kinds one actor is often given by different articles; the first is the key's spelling.
KIND_FAMILY: dict[str, str] = {"militia": "armed_group"}
MIN_PERSON_NAME_WORDS = 2


def actor_key_name(actor: Actor) -> str:
    """The name two articles must agree on for an actor with no lexicon or Wikidata id."""
    if actor.kind != "person" and actor.label_en and actor.label_en.strip():
        return " ".join(actor.label_en.lower().split())
    return iris.name_key(actor.label_ar, actor.label_en)


def actor_node(base: str, actor: Actor, article_id: str) -> URIRef:
    """The actor's IRI in a merged graph (the builder's, unless resolution says otherwise)."""
    if actor.lexicon_id or actor.wikidata:
        return iris.actor_iri(base, actor, article_id)
    key = actor_key_name(actor)
    if not key or (actor.kind == "person" and len(key.split()) < MIN_PERSON_NAME_WORDS):
        return URIRef(f"{base}actor/local/{iris.slug(article_id)}/{iris.slug(actor.id)}")
    kind = KIND_FAMILY.get(actor.kind, actor.kind)
    country = iris.slug(actor.country.lower()) if actor.country else "xx"
    return URIRef(f"{base}actor/{iris.slug(kind)}/{country}/{iris.slug(key)}")


def place_node(base: str, place: Place, article_id: str) -> URIRef:
    return iris.place_iri(base, place, article_id)


def actor_rewrites(record: ExtractionRecord, base: str) -> dict[URIRef, URIRef]:
    """Builder IRI -> resolved IRI, for the actors of `record` where the two differ."""
    out: dict[URIRef, URIRef] = {}
    for a in record.actors:
        built = iris.actor_iri(base, a, record.article_id)
        resolved = actor_node(base, a, record.article_id)
        if built != resolved:
            out[built] = resolved
    return out


def place_ancestors(record: ExtractionRecord, base: str) -> dict[URIRef, dict[URIRef, str]]:
    """For each place of the record: every place that contains it, with that place's kind.

    The record's own `within` links come first, then the gazetteer's parent chain from any
    lexicon entry on the way. Cycles (an extractor can say A within B within A) are cut.
    """
    by_id = {p.id: p for p in record.locations}
    node = {p.id: place_node(base, p, record.article_id) for p in record.locations}
    gaz = places_by_id()
    out: dict[URIRef, dict[URIRef, str]] = {}
    for p in record.locations:
        up: dict[URIRef, str] = {}
        seen = {p.id}
        cur = p
        lexicon_ids: list[str] = [p.lexicon_id] if p.lexicon_id else []
        while cur.within is not None and cur.within not in seen and cur.within in by_id:
            seen.add(cur.within)
            cur = by_id[cur.within]
            up.setdefault(node[cur.id], cur.kind)
            if cur.lexicon_id:
                lexicon_ids.append(cur.lexicon_id)
        for lex in lexicon_ids:
            for parent in gazetteer_chain(lex):
                up.setdefault(iris.lexicon_place_iri(base, parent), gaz[parent].kind)
        up.pop(node[p.id], None)
        out[node[p.id]] = {**out.get(node[p.id], {}), **up}
    return out
