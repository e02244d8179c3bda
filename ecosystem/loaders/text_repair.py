"""ftfy's text repair, skipped for the texts it would leave unchanged.

:func:`repair` returns exactly ``ftfy.fix_text(text, uncurl_quotes=False)``.
Most registry text is clean, and ftfy spends its time proving that: it
searches each line with its mojibake heuristic (``ftfy.badness.BADNESS_RE``,
a regular expression of 37 alternatives tried at every position) and runs
nine other fixers. :func:`needs_repair` answers the same question from the
set of characters of the text, in one pass:

* every alternative of the heuristic needs, somewhere in the text, one
  character of each of its fixed positions (read from the compiled pattern
  itself, so a newer ftfy with other rules stays exact), so a text lacking
  the characters of every alternative has no mojibake to fix;
* the other fixers change a text only when it holds one of their characters
  (C1 controls, ligatures, full-width forms, CR and Unicode line breaks,
  surrogates, terminal escapes, control characters), an HTML entity, or is
  not in NFC.

A text that might need repair goes to ftfy unchanged. When the pattern cannot
be read (an unexpected construct) or ftfy has other fixers than these, every
text goes to ftfy.

Examples
--------
>>> repair("Fundación Mar Viva – “Costa Rica”")
'Fundación Mar Viva – “Costa Rica”'
>>> repair("ÃƒÂ¢Ã¢â€šÂ¬Ã…â€œTaiatea")
'“Taiatea'
>>> needs_repair("Fundación Mar Viva"), needs_repair("FundaciÃ³n")
(False, True)
"""
from __future__ import annotations

import unicodedata

import ftfy
from ftfy import chardata
from ftfy.badness import BADNESS_RE

__all__ = ["needs_repair", "repair"]


def _class_chars(items) -> frozenset | None:
    """The characters a parsed character class matches; None when unbounded (\\w, [^…])."""
    import re._constants as op  # the parser's opcodes (stdlib, private but stable since 3.11)

    out: set[str] = set()
    for kind, value in items:
        if kind is op.LITERAL:
            out.add(chr(value))
        elif kind is op.RANGE:
            out.update(chr(c) for c in range(value[0], value[1] + 1))
        else:  # NEGATE, CATEGORY, anything new: no bound on the characters
            return None
    return frozenset(out)


def _needed_sets() -> tuple[tuple[frozenset, ...], ...] | None:
    """Per alternative of ftfy's mojibake pattern: the character sets its fixed positions need.

    None when the pattern is not one alternation of literals and classes (then
    :func:`needs_repair` cannot rule the heuristic out).
    """
    try:
        import re._constants as op
        import re._parser as parser

        if BADNESS_RE.flags & (op.SRE_FLAG_IGNORECASE | op.SRE_FLAG_LOCALE):
            return None
        tree = parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
        if len(tree.data) != 1 or tree.data[0][0] is not op.BRANCH:
            return None
        out = []
        for alternative in tree.data[0][1][1]:
            needed = []
            for kind, value in alternative.data:
                if kind is op.LITERAL:
                    needed.append(frozenset(chr(value)))
                elif kind is op.IN:
                    chars = _class_chars(value)
                    if chars is not None:
                        needed.append(chars)
                elif kind not in (op.ANY, op.AT, op.MAX_REPEAT, op.MIN_REPEAT, op.CATEGORY):
                    return None  # a group, a lookaround …: not read here
            if not needed:
                return None  # an alternative that any text might match
            out.append(tuple(sorted(needed, key=len)))  # the rarest first: most texts fail it
        return tuple(out)
    except Exception:  # noqa: BLE001 - an unreadable pattern only disables the shortcut
        return None


#: The fixers of the ftfy this module was written against (6.x); another set of fixers
#: (a newer ftfy) turns the shortcut off rather than risk skipping a fix.
_KNOWN_FIXERS = ("unescape_html", "remove_terminal_escapes", "fix_encoding", "restore_byte_a0",
                 "replace_lossy_sequences", "decode_inconsistent_utf8", "fix_c1_controls",
                 "fix_latin_ligatures", "fix_character_width", "uncurl_quotes", "fix_line_breaks",
                 "fix_surrogates", "remove_control_chars", "normalization", "max_decode_length",
                 "explain")


def _fixed_chars() -> frozenset | None:
    """Characters that some fixer other than the mojibake repair changes (None: unknown ftfy)."""
    if tuple(ftfy.TextFixerConfig._fields) != _KNOWN_FIXERS:
        return None
    try:
        return frozenset(
            {chr(c) for c in range(0x80, 0xA0)}                      # C1 controls
            | {chr(c) for c in chardata.LIGATURES}                   # ﬁ, ﬂ …
            | {chr(c) for c in chardata.WIDTH_MAP}                   # full-width forms
            | {chr(c) for c in chardata.CONTROL_CHARS}               # control characters
            | {chr(c) for c in range(0xD800, 0xE000)}                # surrogates
            | set("\r\u2028\u2029\x85\x1b")                          # line breaks, escapes
        )
    except AttributeError:  # tables renamed in another ftfy
        return None


_NEEDED = _needed_sets()
#: One character set each alternative needs (its smallest): a text with none of them has no mojibake.
_SOME_NEEDED = frozenset().union(*(min(alt, key=len) for alt in _NEEDED)) if _NEEDED else None
#: What ftfy's HTML step replaces (an entity such as "&amp;" or "&#x2019;").
_HTML_ENTITY = getattr(chardata, "HTML_ENTITY_RE", None)
_FIXED_CHARS = _fixed_chars() if _HTML_ENTITY is not None else None


def needs_repair(text: str) -> bool:
    """Whether ftfy might change ``text`` (False: it certainly leaves it as it is).

    >>> needs_repair("plain"), needs_repair("Ocean ﬁsh"), needs_repair("a &amp; b")
    (False, True, True)
    """
    if _FIXED_CHARS is None or _NEEDED is None:
        return True
    if "&" in text and _HTML_ENTITY.search(text):
        return True
    chars = set(text)
    if not _FIXED_CHARS.isdisjoint(chars) or not unicodedata.is_normalized("NFC", text):
        return True
    if _SOME_NEEDED.isdisjoint(chars):
        return False
    return any(all(not need.isdisjoint(chars) for need in alternative) for alternative in _NEEDED)


def repair(text: str) -> str:
    """``ftfy.fix_text(text, uncurl_quotes=False)``, without running ftfy when it would
    change nothing (:func:`needs_repair`).

    >>> repair("Blue Ventures"), repair("SociÃ©tÃ© GÃ©nÃ©rale")
    ('Blue Ventures', 'Société Générale')
    """
    done = _REPAIRED.get(text)
    if done is not None:
        return done
    fixed = ftfy.fix_text(text, uncurl_quotes=False) if needs_repair(text) else text
    if len(_REPAIRED) < _MEMO_SIZE:
        # a loader repairs a field as it reads it, and every format's names and titles are
        # looked at again after (ecosystem.loaders.mojibake): each text is read once, and
        # a repaired text is known to need nothing more
        _REPAIRED[text] = _REPAIRED[fixed] = fixed
    return fixed


#: Texts already read → their repair (a repaired text maps to itself).
_REPAIRED: dict[str, str] = {}
_MEMO_SIZE = 1 << 17
