"""Find event triggers: the words that tell an incident happened, typed from the trigger lexicon.

Arabic tells an incident with a verb («قصفت», «اشتبكت») or its verbal noun («القصف»,
«اشتباكات»), with any clitics attached. The lexicon (`kg/lexicons/triggers.tsv`) lists both,
verbs expanded to their inflections, and each entry may carry clause conditions that refine the
type («قصف» near aircraft words is an air strike). Priority-2 words (killing, announcing, generic
attack nouns) only make an event when their sentence has nothing more specific, so «قُتل 13
بقصف» yields one shelling/air-strike event, not two.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.arabic.normalise import norm
from kg.extract.draft import Draft
from kg.extract.phrases import PhraseTable, inflect, noun_forms, read_tsv

if not Doc.has_extension("drafts"):
    Doc.set_extension("drafts", default=None)

# a control word before «سيطرة» describes who holds an area, not a change of hands
STATE_OF_CONTROL_BEFORE = frozenset(norm(w) for w in ("تحت", "مناطق", "منطقة", "خاضعة", "الخاضعة"))


@dataclass(frozen=True)
class TriggerEntry:
    type: str
    priority: int
    conditions: tuple[tuple[str, str], ...]  # (cue class, type) rewrites, first match wins
    status: str | None
    anaphor: bool
    imperfect: bool  # a present-tense verb form: describes a state as often as an incident
    verb: bool = False


def _parse_cond(cond: str) -> tuple[tuple[tuple[str, str], ...], str | None, bool]:
    rewrites: list[tuple[str, str]] = []
    status, anaphor = None, False
    for part in filter(None, (p.strip() for p in cond.split(","))):
        if part == "anaphor":
            anaphor = True
        elif part.startswith("status="):
            status = part.split("=", 1)[1]
        else:
            cls, typ = part.split("=", 1)
            rewrites.append((cls, typ))
    return tuple(rewrites), status, anaphor


@cache
def trigger_table() -> PhraseTable[TriggerEntry]:
    table: PhraseTable[TriggerEntry] = PhraseTable()
    for row in read_tsv("triggers.tsv"):
        words = [norm(w) for w in row["form"].split()]
        conds, status, anaphor = _parse_cond(row.get("cond", ""))
        entry = TriggerEntry(
            row["type"], int(row["priority"]), conds, status, anaphor, False, row["pos"] == "verb"
        )
        if row["pos"] == "verb":
            forms = inflect(words[0])
            stem = words[0][1:] if words[0].startswith("ا") and len(words[0]) >= 4 else words[0]
            imperf = {f for f in forms if f[:1] in "يتن" and f[1:].startswith(stem[:2])}
            imperf -= {words[0]}
            table.add(forms - imperf, words[1:], entry)
            table.add(imperf, words[1:], TriggerEntry(**{**entry.__dict__, "imperfect": True}))
        else:
            table.add(noun_forms(words[0]), words[1:], entry)
    return table


def _condition_type(doc: Doc, entry: TriggerEntry, start: int, end: int, window: int) -> str:
    if not entry.conditions:
        return entry.type
    sent = doc._.tok_sent
    lo, hi = max(0, start - window), min(len(doc), end + window)
    present: set[str] = set()
    for k in range(lo, hi):
        if sent[k] == sent[start]:
            present |= doc._.cue_at[k]
    for cls, typ in entry.conditions:
        if cls in present:
            return typ
    return entry.type


def find_triggers(doc: Doc, window: int = 8) -> list[Draft]:
    """Trigger drafts in token order, weak ones dropped where their sentence has a strong one."""
    table = trigger_table()
    firsts = table.first_words()
    reads, norms = doc._.tok_readings, doc._.norms
    found: list[Draft] = []
    i, n = 0, len(reads)
    while i < n:
        if not any(r in firsts for r in reads[i]):
            i += 1
            continue
        matches = table.match_at(reads, i)
        if not matches:
            i += 1
            continue
        m = matches[0]
        entry = m.payload
        prev = norms[i - 1] if i else ""
        if entry.type == "territory_change" and (entry.imperfect or prev in STATE_OF_CONTROL_BEFORE):
            i = m.end
            continue
        typ = _condition_type(doc, entry, m.start, m.end, window)
        d = Draft(
            type=typ,
            start=m.start,
            end=m.end,
            sent=doc._.tok_sent[m.start],
            priority=entry.priority,
            anaphor=entry.anaphor and norms[m.start].startswith("ال"),
            lexicon_type=entry.type,
            status=entry.status or "occurred",
            mentions=[(m.start, m.end)],
            verb=entry.verb,
        )
        found.append(d)
        i = m.end
    strong_sents = {d.sent for d in found if d.priority == 1}
    return [d for d in found if d.priority == 1 or d.sent not in strong_sents]


@Language.factory("conflict_triggers", default_config={"window": 8})
def make_trigger_component(nlp: Language, name: str, window: int) -> TriggerComponent:
    return TriggerComponent(window)


class TriggerComponent:
    """Sets `doc._.drafts`, one per trigger; `window` = tokens either side read for conditions."""

    def __init__(self, window: int) -> None:
        self.window = window
        trigger_table()

    def __call__(self, doc: Doc) -> Doc:
        doc._.drafts = find_triggers(doc, self.window)
        return doc
