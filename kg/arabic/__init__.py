"""The Arabic text layer: normalisation, clitic readings and an offset-exact spaCy tokenizer.

Everything downstream (lexicon matching, cue patterns, triggers) compares *normalised* forms but
reports offsets into the *original* text, so this package keeps the two apart: tokens carry the
original substring and position, and `token._.norm_ar` / `token._.readings` carry the forms
used for comparison.
"""

from kg.arabic.clitics import readings
from kg.arabic.normalise import norm, norm_with_map

__all__ = ["norm", "norm_with_map", "readings"]
