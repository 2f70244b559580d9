"""The scan: one pass over an article's tokens, trying at each word the lexicon, the force
phrases and then the cue rules in the order of `RULES`, then the second passes.

Most words start no actor or cue; one dict lookup per word form says so, so the rules run only
where they can match.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.actors.again import _bracketed_names, attach, head_again, known_again, vote_country
from kg.extract.actors.forces import bare_head, country_agents, force, militia, parse_force
from kg.extract.actors.known import known, outlet, usable_match
from kg.extract.actors.lexicon import ActorLexicon
from kg.extract.actors.output import finish
from kg.extract.actors.people import kunya, speaker, title
from kg.extract.actors.sources import media, org, source, spokesman
from kg.extract.actors.state import ActorState
from kg.extract.actors.victims import civilians, generic
from kg.extract.entity_cues import Cue, Cues, load_cues
from kg.extract.lexicon_choices import ACTORS, ENTITY_CUES
from kg.extract.matcher import Match, Tok, doc_tokens
from kg.extract.names import OUTLET_LEADS, addressed_outlet
from kg.lexicons import ActorEntry

Rule = Callable[[ActorState, int, Match[Cue]], "int | None"]

# cue type -> the rule that reads a match of it; tried in this order at a word no lexicon
# actor or force phrase starts at, the first that returns an end wins
RULES: tuple[tuple[str, Rule], ...] = (
    ("militia_head", militia),
    ("source_head", source),
    ("media", media),
    ("spokesman", spokesman),
    ("org", org),
    ("title", title),
    ("kunya", kunya),
    ("speech_verb", speaker),
    ("generic_actor", generic),
    ("civilians", civilians),
)


def rules_on(off: Iterable[str] = ()) -> tuple[tuple[str, Rule], ...]:
    """RULES without those named in `off` (a config's `"off": ["kunya"]`); a name that is no
    rule is an error, so a typo cannot silently leave every rule on."""
    off = frozenset(off)
    unknown = off - {name for name, _rule in RULES}
    if unknown:
        raise ValueError(
            f"no actor rule named {', '.join(sorted(unknown))} (one of {', '.join(n for n, _ in RULES)})"
        )
    return tuple((name, rule) for name, rule in RULES if name not in off)


HOT_CACHE = 30_000  # word forms known to start an actor or not; bounded like the word-forms cache


class ActorFinder:
    """Finds actors in a doc; holds the indexes so a pipeline builds them once."""

    def __init__(
        self, actors: Sequence[ActorEntry], cues: Cues | None = None, off: Iterable[str] = ()
    ) -> None:
        self.lx = ActorLexicon(actors, cues or load_cues())
        self.rules = rules_on(off)
        self._hot: dict[str, bool] = {}
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        toks = doc_tokens(doc)
        st = ActorState(
            lx=self.lx,
            doc=doc,
            toks=toks,
            in_place=_place_tokens(doc, toks),
            country=getattr(doc._, "country", None),
            doc_countries=frozenset(p.country for p in getattr(doc._, "places", None) or []),
        )
        i = 0
        hot = self._hot
        index = self.lx.index
        while i < len(toks):
            tok = toks[i]
            if tok.norm in OUTLET_LEADS and (out := addressed_outlet(toks, i, index)) is not None:
                outlet(st, out)
                i = out[2]
                continue
            if not tok.is_word or not hot.get(tok.norm, True) or not self._is_hot(tok):
                i += 1  # most words start no actor or cue: one dict lookup says so
                continue
            i = max(_step(st, i, self.rules), i + 1)
        if st.country is None:
            st.country = vote_country(st.drafts)
        country_agents(st)
        _bracketed_names(toks, st.drafts)
        known_again(st)
        head_again(st)
        attach(st)
        doc._.actors = finish(st)
        return doc

    def _is_hot(self, tok: Tok) -> bool:
        hot = self._hot.get(tok.norm)
        if hot is None:
            hot = bool(self.lx.cues.types_of(tok.norm)) or self.lx.index.may_start(tok)
            if len(self._hot) < HOT_CACHE:
                self._hot[tok.norm] = hot
        return hot


def _step(st: ActorState, i: int, rules: tuple[tuple[str, Rule], ...] = RULES) -> int:
    """Where the scan goes on after position i: past the actor found there, or to i + 1."""
    toks, cues = st.toks, st.lx.cues
    lex = st.lx.index.match_at(toks, i)
    types = cues.types_of(toks[i].norm)
    if lex is None and not types:
        return i + 1  # most words: no actor and no cue starts here
    head = cues.at("force_head", toks, i) if "force_head" in types else None
    parsed = parse_force(toks, head.end, cues) if head is not None else None
    if head is not None and parsed is not None and (lex is None or parsed[1] > lex.end):
        return force(st, i, head.payloads[0], parsed)
    lex = usable_match(st, lex)
    if lex is not None:
        known(st, lex)
        return lex.end
    if head is not None:
        return bare_head(st, i, head)
    for type_, rule in rules:
        m = cues.at(type_, toks, i) if type_ in types else None
        if m is not None:
            end = rule(st, i, m)
            if end is not None:
                return end
    return i + 1


def _place_tokens(doc: Doc, toks: Sequence[Tok]) -> set[int]:
    """The tokens inside a place the places component found."""
    spans = doc.spans.get("places", [])
    if not spans:
        return set()
    starts = {t.start: n for n, t in enumerate(toks)}
    out: set[int] = set()
    for sp in spans:
        n = starts.get(sp.start_char)
        while n is not None and n < len(toks) and toks[n].start < sp.end_char:
            out.add(n)
            n += 1
    return out


def register_extensions() -> None:
    if not Doc.has_extension("actors"):
        Doc.set_extension("actors", default=None)


register_extensions()  # at import, so a reader finds them before the first finder is built


@Language.factory(
    "conflict_actors",
    default_config={"actors": ACTORS, "cues": ENTITY_CUES, "off": []},
    requires=["doc._.toks", "doc._.raw_text", "doc._.places", "doc._.country", "doc.spans"],
    assigns=["doc._.actors", "doc.spans"],
)
def make_actor_finder(
    nlp: Language, name: str, actors: Sequence[ActorEntry], cues: Cues, off: list[str]
) -> ActorFinder:
    """Pipeline entry point: the finder over the configured actor lexicon and cue words; the
    shipped ones by default (kg.extract.lexicon_choices); `off` names cue rules of RULES to
    leave out."""
    return ActorFinder(actors, cues, off)
