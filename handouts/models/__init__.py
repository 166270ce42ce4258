"""Stage 2 of the pipeline: typed, strict models of everything a handout is made from.

Every model forbids unknown keys (a typo is reported, never ignored) and
describes each field, which also feeds the JSON Schema a clinic's editor uses.
"""

from handouts.models.article import Article, Section
from handouts.models.clinic import Clinic, Colours, Practitioner
from handouts.models.exercise import Exercise, Level
from handouts.models.plan import ExerciseChoice, Options, Patient, Plan
from handouts.models.prescription import Prescription, PrescriptionOverride, Side

__all__ = [
    "Article",
    "Clinic",
    "Colours",
    "Exercise",
    "ExerciseChoice",
    "Level",
    "Options",
    "Patient",
    "Plan",
    "Practitioner",
    "Prescription",
    "PrescriptionOverride",
    "Section",
    "Side",
]
