"""The ontology's terms as Python constants, so code never spells an IRI by hand.

`ontology/conflict.ttl` is the source of truth; tests/test_ontology.py fails when a term here
is not declared there or a class/property there has no constant here. The mappings from the
record's strings (kg.vocab.record.EVENT_TYPES, ACTOR_KINDS, ROLES, STATUSES, PLACE_KINDS,
DATE_PRECISIONS) to terms live here too, so a new record value needs one edit in each place.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.vocab import DEFAULT_BASE as DEFAULT_BASE
from kg.vocab.record import DATE_PRECISIONS, PLACE_KINDS, STATUSES

ONTOLOGY_PATH = Path(__file__).resolve().parent / "ontology" / "conflict.ttl"  # package data
SHAPES_PATH = Path(__file__).resolve().parent / "ontology" / "shapes.ttl"

ONTOLOGY_IRI = URIRef("https://w3id.org/conflict-kg/ontology")

CKG = Namespace("https://w3id.org/conflict-kg/ontology#")
ACLED = Namespace("https://w3id.org/conflict-kg/vocab/acled#")
CAMEO = Namespace("https://w3id.org/conflict-kg/vocab/cameo#")
PLOVER = Namespace("https://w3id.org/conflict-kg/vocab/plover#")
STATUS = Namespace("https://w3id.org/conflict-kg/vocab/status#")
PRECISION = Namespace("https://w3id.org/conflict-kg/vocab/date-precision#")
PLACEKIND = Namespace("https://w3id.org/conflict-kg/vocab/place-kind#")

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
GAF = Namespace("http://groundedannotationframework.org/gaf#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

# Namespaces owned by this project: every IRI under them must be declared in conflict.ttl.
OWN_NAMESPACES: tuple[Namespace, ...] = (CKG, ACLED, CAMEO, PLOVER, STATUS, PRECISION, PLACEKIND)

# Prefixes bound on every graph the product writes, so Turtle stays readable.
PREFIXES: dict[str, Namespace] = {
    "ckg": CKG,
    "acled": ACLED,
    "cameo": CAMEO,
    "plover": PLOVER,
    "status": STATUS,
    "precision": PRECISION,
    "placekind": PLACEKIND,
    "sem": SEM,
    "nif": NIF,
    "gaf": GAF,
    "itsrdf": ITSRDF,
    "geo": GEO,
    "schema": SCHEMA,
    "wd": WD,
    "prov": Namespace(str(PROV)),
    "dcterms": Namespace(str(DCTERMS)),
    "skos": Namespace(str(SKOS)),
    "owl": Namespace(str(OWL)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
}

# --- classes -----------------------------------------------------------------------------
ConflictEvent = CKG.ConflictEvent
EventReport = CKG.EventReport
Place = CKG.Place
MergeEvidence = CKG.MergeEvidence

EVENT_CLASS: dict[str, URIRef] = {
    "battle": CKG.Battle,
    "air_strike": CKG.AirStrike,
    "shelling": CKG.Shelling,
    "explosion": CKG.Explosion,
    "attack": CKG.Attack,
    "violence_against_civilians": CKG.ViolenceAgainstCivilians,
    "territory_change": CKG.TerritoryChange,
    "arrest": CKG.Arrest,
    "protest": CKG.Protest,
    "riot": CKG.Riot,
    "displacement": CKG.Displacement,
    "humanitarian": CKG.HumanitarianEvent,
    "statement": CKG.Statement,
    "other": CKG.OtherEvent,
}

ACTOR_CLASS: dict[str, URIRef] = {
    "state_force": CKG.StateForce,
    "armed_group": CKG.ArmedGroup,
    "militia": CKG.Militia,
    "foreign_force": CKG.ForeignForce,
    "political": CKG.PoliticalOrganisation,
    "person": CKG.Person,
    "civilians": CKG.Civilians,
    "international": CKG.InternationalOrganisation,
    "media": CKG.Media,
    "monitor": CKG.Monitor,
    "other": CKG.OtherActor,
}

# --- properties --------------------------------------------------------------------------
ROLE_PROPERTY: dict[str, URIRef] = {
    "attacker": CKG.attacker,
    "target": CKG.target,
    "victim": CKG.victim,
    "participant": CKG.participant,
    "source": CKG.source,
}

hasReport = CKG.hasReport
reportOf = CKG.reportOf
trigger = CKG.trigger
status = CKG.status
datePrecision = CKG.datePrecision
placeKind = CKG.placeKind
within = CKG.within
mainPlace = CKG.mainPlace
fatalities = CKG.fatalities
fatalitiesMin = CKG.fatalitiesMin
fatalitiesMax = CKG.fatalitiesMax
injured = CKG.injured
dateText = CKG.dateText
confidence = CKG.confidence
geoPrecision = CKG.geoPrecision
countryCode = CKG.countryCode
interCode = CKG.interCode
disorderType = CKG.disorderType
mergeEvidence = CKG.mergeEvidence
mergedReport = CKG.mergedReport
matchedFeature = CKG.matchedFeature
mergeScore = CKG.mergeScore

# --- concept schemes and concepts ---------------------------------------------------------
StatusScheme = CKG.StatusScheme
DatePrecisionScheme = CKG.DatePrecisionScheme
PlaceKindScheme = CKG.PlaceKindScheme
ACLEDScheme = CKG.ACLEDScheme
CAMEOScheme = CKG.CAMEOScheme
PLOVERScheme = CKG.PLOVERScheme

STATUS_CONCEPT: dict[str, URIRef] = {s: STATUS[s] for s in STATUSES}
DATE_PRECISION_CONCEPT: dict[str, URIRef] = {p: PRECISION[p] for p in DATE_PRECISIONS}
PLACE_KIND_CONCEPT: dict[str, URIRef] = {k: PLACEKIND[k] for k in PLACE_KINDS}

ACLED_CONCEPTS: tuple[URIRef, ...] = tuple(
    ACLED[n]
    for n in (
        "Battles",
        "ExplosionsRemoteViolence",
        "ViolenceAgainstCivilians",
        "Protests",
        "Riots",
        "StrategicDevelopments",
        "ArmedClash",
        "GovernmentRegainsTerritory",
        "NonStateActorOvertakesTerritory",
        "ChemicalWeapon",
        "AirDroneStrike",
        "SuicideBomb",
        "ShellingArtilleryMissileAttack",
        "RemoteExplosiveLandmineIED",
        "Grenade",
        "SexualViolence",
        "Attack",
        "AbductionForcedDisappearance",
        "PeacefulProtest",
        "ProtestWithIntervention",
        "ExcessiveForceAgainstProtesters",
        "ViolentDemonstration",
        "MobViolence",
        "Agreement",
        "Arrests",
        "ChangeToGroupActivity",
        "DisruptedWeaponsUse",
        "HeadquartersOrBaseEstablished",
        "LootingPropertyDestruction",
        "NonViolentTransferOfTerritory",
        "OtherDevelopment",
    )
)
CAMEO_CONCEPTS: tuple[URIRef, ...] = tuple(
    CAMEO[c]
    for c in (
        "010", "07", "073", "14", "141", "145", "17", "173", "18", "180", "181", "183",
        "19", "190", "194", "195", "197", "20", "201",
    )
)  # fmt: skip
PLOVER_CONCEPTS: tuple[URIRef, ...] = tuple(
    PLOVER[p]
    for p in (
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    )
)  # fmt: skip

CLASSES: tuple[URIRef, ...] = (
    ConflictEvent,
    EventReport,
    Place,
    MergeEvidence,
    *EVENT_CLASS.values(),
    *ACTOR_CLASS.values(),
)
PROPERTIES: tuple[URIRef, ...] = (
    *ROLE_PROPERTY.values(),
    hasReport,
    reportOf,
    trigger,
    status,
    datePrecision,
    placeKind,
    within,
    mainPlace,
    fatalities,
    fatalitiesMin,
    fatalitiesMax,
    injured,
    dateText,
    confidence,
    geoPrecision,
    countryCode,
    interCode,
    disorderType,
    mergeEvidence,
    mergedReport,
    matchedFeature,
    mergeScore,
)
CONCEPT_SCHEMES: tuple[URIRef, ...] = (
    StatusScheme,
    DatePrecisionScheme,
    PlaceKindScheme,
    ACLEDScheme,
    CAMEOScheme,
    PLOVERScheme,
)
CONCEPTS: tuple[URIRef, ...] = (
    *STATUS_CONCEPT.values(),
    *DATE_PRECISION_CONCEPT.values(),
    *PLACE_KIND_CONCEPT.values(),
    *ACLED_CONCEPTS,
    *CAMEO_CONCEPTS,
    *PLOVER_CONCEPTS,
)
ALL_TERMS: tuple[URIRef, ...] = (ONTOLOGY_IRI, *CLASSES, *PROPERTIES, *CONCEPT_SCHEMES, *CONCEPTS)
