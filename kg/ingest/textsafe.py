"""Text from articles made harmless to show: no terminal escapes, no bidi overrides.

Article text is untrusted. Printed as is, `ESC[2J` clears the analyst's terminal and an OSC
sequence can retitle it or plant a link; U+202E (RIGHT-TO-LEFT OVERRIDE) and the isolates
U+2066-2069 reorder what a line appears to say ("Trojan Source"). Wherever such text is printed
or written into a file meant for people (messages, query tables, events.csv), it goes through
these functions. The stored article text (`nif:isString`, records) is left exactly as read,
since every offset points into it.
"""

from __future__ import annotations

import re

# ECMA-48 sequences: CSI (ESC [ ... final), OSC and the other string controls (ESC ] ... BEL/ST),
# then any other two-byte ESC sequence; their 8-bit C1 forms too
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c|$)"
    r"|\x1b[ -/]*[0-~]?",
    re.DOTALL,
)
# embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI); marks (LRM, RLM,
# ALM) cannot reorder anything and Arabic text uses them, so they stay
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)])
_KEEP_IN_FILES = "\t\n"
_DROP_LINE = {ord(c): None for c in _BIDI_CONTROLS + _CONTROLS}
_DROP_FILE = {ord(c): None for c in _BIDI_CONTROLS + _CONTROLS if c not in _KEEP_IN_FILES}
_AS_SPACE = {ord(c): " " for c in "\t\n\r\x0b\x0c\x85\u2028\u2029"}
# lone surrogates (a file name that is not UTF-8, a JSON "\\ud800") cannot be written as UTF-8
_SURROGATES = {c: "\ufffd" for c in range(0xD800, 0xE000)}
_DROP_LINE.update(_SURROGATES)
_DROP_FILE.update(_SURROGATES)


def for_terminal(text: str) -> str:
    """One line to print: escape sequences, controls and bidi overrides gone, breaks as spaces."""
    return _ESCAPES.sub("", text).translate(_AS_SPACE).translate(_DROP_LINE)


def for_file(text: str) -> str:
    """A cell or label to write: the same, but tabs and line breaks kept (CSV quotes them)."""
    return _ESCAPES.sub("", text).replace("\r\n", "\n").translate(_DROP_FILE)


def has_unsafe(text: str) -> bool:
    """Whether `for_file` would change `text` (cheap check before copying)."""
    return bool(_ESCAPES.search(text)) or text != text.translate(_DROP_FILE)


# in JSON text these can only sit inside strings, where a \uXXXX escape means the same character
_JSON_ESCAPE = {ord(c): f"\\u{ord(c):04x}" for c in _BIDI_CONTROLS + _CONTROLS[0x20:]}


def json_for_terminal(text: str) -> str:
    """JSON to print: bidi controls and C1 controls (which `json.dumps` leaves raw) written as
    `\\uXXXX` escapes, so the terminal shows them inert and a parser reads the same data."""
    return text.translate(_JSON_ESCAPE)
