"""Deterministic IRIs for everything the graph names: the one module that decides identity.

The same record must give the same triples run after run, and the same named actor or place in
two articles must land on one node before any merging happens; so IRIs come from stable keys
(lexicon ids, Wikidata/GeoNames ids, or kind + country + the normalised name), never from
counters, uuids or blank nodes. Names come from untrusted article text, so slugs keep letters
and digits of any script (Arabic IRIs stay readable) and percent-encode everything else: no
quote, bracket, brace or space can break a Turtle or N-Triples file.

An actor's key is what two articles can agree on and never one node for two:
- a lone personal name ("الحسن", one word, no lexicon entry) stays local to its article, because
  two articles naming "the Hasan" may mean two people; a full name ("أحمد الحسن") is specific
  enough to meet itself in another article, and a different full name with the same family name
  ("محمد الحسن") is a different key;
- the English label the extractor gives from its lexicons and cue tables ("Russian air force")
  is the name key when there is one, so two Arabic wordings of one force meet;
- kinds that articles confuse for one actor (armed group / militia) share a key.
Every IRI depends on one actor or place of one record only, never on which other articles are
in the graph, so adding articles never renames an existing node.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from urllib.parse import quote

from rdflib import URIRef

from kg.arabic.normalise import norm
from kg.vocab.record import Actor, Place
from kg.vocab.terms import DEFAULT_BASE

MAX_SLUG = 80
# Kinds one actor is often given by different articles; the first is the key's spelling.
KIND_FAMILY: dict[str, str] = {"militia": "armed_group"}
MIN_PERSON_NAME_WORDS = 2
_SPACE = re.compile(r"\s+")
# Kept as they are besides letters and digits of any script; everything else, '%' included
# (so an encoded slug never collides with a raw one), is percent-encoded.
_SAFE_PUNCT = "-_."


def check_base(base: str) -> str:
    """Refuse a base that would make every IRI of a graph malformed, once, up front."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*[/#]", base):
        raise ValueError(
            f"IRI base {base!r} must be an absolute IRI ending in '/' or '#', for example {DEFAULT_BASE!r}"
        )
    return base


@lru_cache(maxsize=131072)
def slug(text: str) -> str:
    """A path segment safe in any RDF syntax; long input is cut and keyed by a hash."""
    text = _SPACE.sub("-", text.strip())
    out = []
    for ch in text:
        if (ch.isalnum() and ch.isprintable()) or ch in _SAFE_PUNCT:
            out.append(ch)
        else:
            out.append(quote(ch, safe=""))
    s = "".join(out) or "_"
    if s in (".", ".."):  # would be resolved away as a relative path
        s = quote(s, safe="").replace(".", "%2E")
    if len(s) > MAX_SLUG:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
        cut = s[: MAX_SLUG - 13]
        tail = cut.rfind("%", len(cut) - 2)
        if tail != -1:  # never split a %XX escape
            cut = cut[:tail]
        s = cut + "-" + digest
    return s


def name_key(label_ar: str, label_en: str | None = None) -> str:
    """The form of a name two articles agree on: folded Arabic, or lower-case English."""
    key = _SPACE.sub(" ", norm(label_ar or "")).strip()
    if not key and label_en:
        key = _SPACE.sub(" ", label_en).strip().lower()
    return key


def _country(code: str | None) -> str:
    return slug(code.lower()) if code else "xx"


def article_iri(base: str, article_id: str) -> URIRef:
    return URIRef(f"{base}article/{slug(article_id)}")


def mention_iri(base: str, article_id: str, start: int, end: int) -> URIRef:
    """NIF/RFC 5147 style: the article IRI with a `#char=START,END` fragment."""
    return URIRef(f"{article_iri(base, article_id)}#char={int(start)},{int(end)}")


def outlet_iri(base: str, outlet: str) -> URIRef:
    return URIRef(f"{base}outlet/{slug(name_key(outlet, outlet) or outlet)}")


def event_iri(base: str, article_id: str, local_id: str) -> URIRef:
    return URIRef(f"{base}event/{slug(article_id)}/{slug(local_id)}")


def report_iri(base: str, article_id: str, local_id: str) -> URIRef:
    return URIRef(f"{base}report/{slug(article_id)}/{slug(local_id)}")


def actor_key_name(actor: Actor) -> str:
    """The name two articles must agree on for an actor with no lexicon or Wikidata id."""
    if actor.kind != "person" and actor.label_en and actor.label_en.strip():
        return " ".join(actor.label_en.lower().split())
    return name_key(actor.label_ar, actor.label_en)


def actor_iri(base: str, actor: Actor, article_id: str) -> URIRef:
    """Lexicon entry first, then Wikidata, then kind family + country + the key name.

    A nameless actor or a lone personal name falls back to the article: it cannot be recognised
    elsewhere.
    """
    if actor.lexicon_id:
        return URIRef(f"{base}actor/{slug(actor.lexicon_id)}")
    if actor.wikidata:
        return URIRef(f"{base}actor/wd-{slug(actor.wikidata)}")
    key = actor_key_name(actor)
    if not key or (actor.kind == "person" and len(key.split()) < MIN_PERSON_NAME_WORDS):
        return URIRef(f"{base}actor/local/{slug(article_id)}/{slug(actor.id)}")
    kind = KIND_FAMILY.get(actor.kind, actor.kind)
    return URIRef(f"{base}actor/{slug(kind)}/{_country(actor.country)}/{slug(key)}")


def place_iri(base: str, place: Place, article_id: str) -> URIRef:
    """Lexicon entry first, then GeoNames, then Wikidata, then folded name + country (+ point).

    A lexicon id written "gn:170063" and a bare GeoNames id 170063 give the same IRI.
    """
    if place.lexicon_id:
        lex = place.lexicon_id
        if lex.startswith("gn:"):
            return URIRef(f"{base}place/gn-{slug(lex[3:])}")
        return URIRef(f"{base}place/{slug(lex)}")
    if place.geonames:
        return URIRef(f"{base}place/gn-{slug(str(place.geonames))}")
    if place.wikidata:
        return URIRef(f"{base}place/wd-{slug(place.wikidata)}")
    key = name_key(place.label_ar, place.label_en)
    if not key:
        return URIRef(f"{base}place/local/{slug(article_id)}/{slug(place.id)}")
    named = f"{base}place/{_country(place.country)}/{slug(key)}"
    if place.lat is not None and place.lon is not None:
        # Two villages may share a name in one country: where it is known, the point keeps them
        # apart (to about a kilometre), and keeps a node from getting two points.
        return URIRef(f"{named}/{place.lat:.2f},{place.lon:.2f}")
    return URIRef(named)


def lexicon_place_iri(base: str, lexicon_id: str) -> URIRef:
    """The node of a gazetteer entry, as a record place matched to it would get."""
    return place_iri(base, Place(id="", label_ar="", lexicon_id=lexicon_id), "")


def geometry_iri(place: URIRef) -> URIRef:
    return URIRef(f"{place}/geometry")


def local_actor_prefix(base: str) -> str:
    """Where actors known only in their own article live (`actor_iri`'s last resort)."""
    return f"{base}actor/local/"


def evidence_iri(base: str, a: str, b: str) -> URIRef:
    """One evidence node per joined report pair, named by the pair so it is stable."""
    digest = hashlib.sha1(f"{a}\n{b}".encode()).hexdigest()[:20]
    return URIRef(f"{base}merge/{digest}")


def report_key(event_key: str, base: str) -> str:
    """The report IRI of the event IRI `event_key` names (both are made from one article and id)."""
    return event_key.replace(f"{base}event/", f"{base}report/", 1)


def event_key_of(key: str, base: str) -> str:
    """The event IRI for a report IRI (an event IRI stays as it is)."""
    return key.replace(f"{base}report/", f"{base}event/", 1)


def article_of_event(event_key: str, base: str) -> str:
    """The article id slug inside an event IRI."""
    return event_key[len(f"{base}event/") :].rsplit("/", 1)[0]
