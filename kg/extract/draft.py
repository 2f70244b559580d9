"""The working form of an event while the pipeline components fill it in.

Each component does one job on `doc._.drafts` (find triggers, then roles, status, casualties,
dates, then merge mentions of one incident); `record.py` turns the survivors into
`kg.vocab.record.Event`s. Token indices, not characters, so components can look around a trigger cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Draft:
    type: str
    start: int  # trigger tokens [start, end)
    end: int
    sent: int  # scorer-compatible sentence index of the trigger
    priority: int  # 1: names an incident; 2: only when nothing stronger is in the sentence
    anaphor: bool = False  # a definite noun that may refer back («الهجوم», «الغارات»)
    verb: bool = False  # a verb trigger: its subject follows it (VSO) or precedes it (SVO)
    pointed: bool = False  # a demonstrative points back («هذه الغارات»)
    generic: bool = False  # a word for any violence («قصف», «هجوم»), may join a specific incident
    repel: bool = False  # «صد»/«تصدى»: the subject defends against the attack it names
    ambiguous: bool = False  # a word with an everyday sense too («هجوم» in football, «انفجار الأسعار»)
    context: bool = False  # its sentence names a weapon, aircraft or casualties
    patient: bool = False  # a verbal noun whose construct names the one done to («دحر الميليشيات»)
    documented: bool = False  # told in a report's or a study's findings («وبحسب التقرير …»)
    lemma: str = ""  # the trigger's barest reading, to find the same words said again
    fresh: bool = False  # «هجوم آخر», «طائرات أخرى»: told as a different incident
    lexicon_type: str = ""  # the type before clause conditions rewrote it
    status: str = "occurred"
    actors: list[tuple[str, str]] = field(default_factory=list)  # (actor id, role)
    places: list[str] = field(default_factory=list)  # nearest first
    heads: list[str] = field(default_factory=list)  # first place of each merged mention
    lemmas: set[str] = field(default_factory=set)  # trigger lemmas of every merged mention
    guessed: set[str] = field(default_factory=set)  # actors given a role by position alone
    last_sent: int = 0  # sentence and end token of the latest merged mention
    last_end: int = 0
    fatalities: int | None = None
    fatal_from_weak: bool = False  # the figure came from a bare casualty sentence
    injured: int | None = None
    date: str | None = None
    date_text: str | None = None
    date_precision: str = "unknown"
    date_own: bool = False  # the date was said in the trigger's own sentence
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token spans of every trigger
    merged: bool = False  # absorbed into an earlier draft by coreference
    imperfect: bool = False  # a present-tense verb form
    vetoes: list[str] = field(default_factory=list)  # rules that would drop it (candidate mode)
    score: float | None = None  # the learned eventness's probability that it tells an incident

    def has_role(self, actor_id: str) -> bool:
        return any(a == actor_id for a, _ in self.actors)

    def add_actor(self, actor_id: str, role: str) -> None:
        if (actor_id, role) not in self.actors:
            self.actors.append((actor_id, role))
