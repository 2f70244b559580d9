"""Give each event its actors in roles and its places, read from Arabic word order.

Arabic news states who did what mostly in a few surface patterns, and these rules read them:
verb-subject-object («شنت طائرات روسية غارات على …»: the subject after the verb attacks),
subject-verb («قوات النظام تحاول …»), a construct after a verbal noun («بقصف الطيران», «هجوم
من قوات النظام», «غارات شنها الطيران»), targets after «على»/«ضد», victims after «في صفوف»,
both sides after «بين … و», and the subject of a reporting verb or the name after «نقلا عن /
وفق / حسب» as the source. Everything is decided inside the trigger's clause (commas and
«فيما»/«بينما» end one), so a source in one clause is not an attacker in the next.

The rules are the package kg/extract/roles/ (one module per step, around a per-document
`RoleState`); this module is the spaCy component that runs them, then `one_sided`, which
retypes an attack nobody answered once its roles are known.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.doc_step import DocStep
from kg.extract.draft import Draft
from kg.extract.one_sided import retype_one_sided
from kg.extract.roles import assign, place_order, role_state


def assign_arguments(doc: Doc, gap: int = 5) -> None:
    """Roles and places for every draft, then the one type rewrite that depends on roles."""
    drafts: list[Draft] = doc._.drafts or []
    if not drafts:
        return
    st = role_state(doc, gap)
    for d in drafts:
        # a candidate the trigger rules veto is read like the others, but what it leaves behind
        # (a subject carried to the next clause) must not change how the kept ones are read
        saved = dict(st.last_subject) if d.vetoes else None
        assign(st, d)
        if saved is not None:
            st.last_subject = saved
        d.places = place_order(st, d)
    retype_one_sided(drafts, st.kind)


@Language.factory(
    "conflict_arguments",
    default_config={"gap": 5},
    requires=[
        "doc._.drafts",
        "doc._.tok_sent",
        "doc._.norms",
        "doc._.tok_readings",
        "doc._.tok_words",
        "doc._.cues",
        "doc._.cue_at",
        "doc._.actors",
        "doc._.places",
        "doc.spans",
    ],
    assigns=["doc._.drafts"],
)
def make_arguments(nlp: Language, name: str, gap: int) -> DocStep:
    return DocStep(assign_arguments, {"gap": gap})
