"""One IATI ``<iati-activity>`` element → rows of the model's tables.

:class:`ActivityReader` is fed activity elements one at a time by
:func:`ecosystem.loaders.iati.iter_activities` and keeps only the rows it
made, never the XML. See :mod:`ecosystem.loaders.iati` for the mapping.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

import pandas as pd
from lxml import etree

from ecosystem.errors import InputError
from ecosystem.loaders import iati_codelists as cl
from ecosystem.loaders.cell_values import read_number
from ecosystem.loaders.country_places import country_name, iso3_from_code
from ecosystem.loaders.file_limits import MAX_FIELD_CHARS
from ecosystem.loaders.org_categories import is_category, through_channel
from ecosystem.model import Registry
from ecosystem.reference.folding import fold
from ecosystem.reference.orgids import (
    actor_type_from_ref,
    is_placeholder_ref,
    normalise_org_ref,
    registration_country,
)

__all__ = ["WITHHELD", "XML_LANG", "ActivityReader", "narrative"]

#: The ``xml:lang`` attribute's full name.
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: Quotation marks an organisation's whole name may be written in ('"Capital For Good USA"').
_QUOTES = '"“”'

#: A name the publisher withheld and said so in its place ("USAID redacted this field in
#: accordance with the exceptions outlined in the Foreign Aid Transparency and
#: Accountability Act of 2016."): no organisation's name.
WITHHELD = re.compile(r"\b(redacted|withheld)\b.*\b(field|name|information|exceptions?)\b",
                      re.IGNORECASE)

_TARGET = re.compile(r"(\d{1,2})\.(\d{1,2}|[a-z])")


def _clean(text) -> str:
    return " ".join(str(text).split()) if text is not None else ""


def narrative(elements: Iterable[etree._Element], default_lang: str = "en") -> str | None:
    """English (else first) text of IATI elements: 2.0x ``<narrative>`` children or 1.0x text.

    A narrative's language is its own ``xml:lang``, else its element's, else
    the activity's default language.

    >>> title = etree.fromstring('<title><narrative xml:lang="fr">Pêche</narrative>'
    ...                          '<narrative>Fisheries</narrative></title>')
    >>> narrative([title]), narrative([etree.fromstring("<title>Old style</title>")])
    ('Fisheries', 'Old style')
    """
    first = None
    for el in elements:
        el_lang = el.get(XML_LANG) or default_lang or "en"
        narrs = el.findall("narrative") or (el,)
        for n in narrs:
            if not n.text:
                continue
            text = " ".join(n.text.split())
            if not text:
                continue
            lang = (n.get(XML_LANG) if n is not el else None) or el_lang
            if lang[:2].lower() == "en":
                return text
            if first is None:
                first = text
    return first


class ActivityReader:
    """Accumulate the model rows of IATI activities, one element at a time.

    Parameters
    ----------
    path : Path
        The file being read (for error messages).
    registry : str
        Registry name written on every row.
    """

    def __init__(self, path: Path, registry: str):
        self.path = Path(path)
        self.registry_name = registry
        self.rows = {t: [] for t in ("initiatives", "initiative_places", "initiative_themes",
                                      "initiative_goals", "initiative_targets", "mentions",
                                      "flows", "unresolved")}
        self.seen: set[str] = set()
        self.duplicates = 0
        self.unnamed = 0  # organisations with neither a name nor a real ref (left out)
        self.contact_name_of_ref: dict[str, str] = {}  # ref → contact organisation's name
        self.withheld = 0  # organisation names the publisher withheld (WITHHELD)
        self.name_of_ref: dict[str, str] = {}  # raw or normalised ref → first name written
        self.type_of_ref: dict[str, str] = {}  # raw or normalised ref → first @type mapped

    # -- helpers -----------------------------------------------------------------------
    def _error(self, message, el, ident=None, field=None):
        where = f"line {el.sourceline}" + (f", activity {ident}" if ident else "")
        return InputError(message, file=self.path, record=where, field=field)

    def _date(self, text, el, ident, field):
        text = _clean(text)
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            raise self._error(f"cannot read {text!r} as a date (YYYY-MM-DD)", el, ident,
                              field) from None

    def _amount(self, text, el, ident):
        text = _clean(text)
        try:
            return read_number(text)
        except ValueError:
            raise self._error(f"cannot read {text!r} as an amount", el, ident,
                              "transaction/value") from None

    def _org(self, el, lang):
        """(name or None, raw ref or None, normalised ref or None) of an organisation element."""
        name = narrative([el], lang)
        if name and name[0] in _QUOTES and name[-1] in _QUOTES:
            name = name.strip(_QUOTES).strip() or None  # written in quotes: the name inside
        if name and WITHHELD.search(name):  # "USAID redacted this field in accordance with …"
            self.withheld += 1
            name = None
        if name:
            name = through_channel(name)  # "Vía AECID": AECID; "Vía Directa": no body
        raw = _clean(el.get("ref")) or None
        ref = normalise_org_ref(raw)
        if name and raw and not is_category(name):
            self.name_of_ref.setdefault(ref or raw, name)
        return name, raw, ref

    def _mention(self, iid, ident, el, role, name, raw, ref, seen=None):
        if name and is_category(name):  # "Otra entidad …": a kind of organisation, not one
            self.rows["unresolved"].append({"initiative_id": iid, "text": name, "role": role,
                                            "reason": "generic"})
            return
        if not (name or raw):
            return
        key = (name or raw, role)
        if seen is not None:
            if key in seen:
                return
            seen.add(key)
        kind = cl.actor_type(el.get("type"))
        if kind and (ref or raw):
            self.type_of_ref.setdefault(ref or raw, kind)
        attrs = ""
        for k in ("role", "ref", "type"):
            value = el.get(k)
            if value and value.strip():
                attrs += f"[{k}={value.strip()}]"
        self.rows["mentions"].append({
            "initiative_id": iid, "name": name, "role": role, "actor_type": kind,
            "_ref_type": actor_type_from_ref(ref),
            "country": registration_country(ref), "org_ref": ref,
            "registry": self.registry_name, "record_id": ident,
            "source_text": f"{el.tag}{attrs} {name or ''}".strip(),
            "_raw_ref": raw})

    # -- one activity ------------------------------------------------------------------
    def add(self, act: etree._Element, version: str | None = None) -> None:
        """Read one ``<iati-activity>`` element."""
        ident = _clean(act.findtext("iati-identifier"))
        for el in act.iter():  # text over the cap: refused, naming the element
            texts = [(el.tag, el.text)] + [(f"{el.tag}/@{k}", v) for k, v in el.attrib.items()]
            for where, text in texts:
                if text is not None and len(text) > MAX_FIELD_CHARS and isinstance(where, str):
                    raise self._error(f"the value is {len(text):,} characters; the limit is "
                                      f"{MAX_FIELD_CHARS:,}", el, ident[:80] or None, where)
        if not ident:
            raise self._error("activity without iati-identifier", act, field="iati-identifier")
        if ident in self.seen:
            self.duplicates += 1
            return
        self.seen.add(ident)
        iid = f"{self.registry_name}/{ident}"
        lang = act.get(XML_LANG) or "en"
        currency = _clean(act.get("default-currency")) or None
        children = {}
        for child in act:
            if isinstance(child.tag, str):
                children.setdefault(child.tag, []).append(child)
        get = lambda tag: children.get(tag, [])  # noqa: E731

        descriptions = [d for d in get("description") if d.get("type") in (None, "", "1")]
        status_el = (get("activity-status") or [None])[0]
        status = None
        if status_el is not None:
            status = cl.status_name(status_el.get("code")
                                    or cl.to_code("ActivityStatus", status_el.text))
        dates = {}
        for d in get("activity-date"):
            kind = cl.to_code("ActivityDateType", d.get("type"))
            value = self._date(d.get("iso-date") or d.text, d, ident, "activity-date")
            if kind and value and kind not in dates:
                dates[kind] = value
        self.rows["initiatives"].append({
            "initiative_id": iid, "registry": self.registry_name, "record_id": ident,
            "kind": "activity", "title": narrative(get("title"), lang),
            "description": narrative(descriptions or get("description"), lang),
            "start": dates.get("2") or dates.get("1"), "end": dates.get("4") or dates.get("3"),
            "status": status, "url": f"https://d-portal.org/ctrack.html#view=act&aid={quote(ident)}",
        })

        for el in get("reporting-org"):
            name, raw, ref = self._org(el, lang)
            self._mention(iid, ident, el, "reporting", name, raw, ref)
        orgs = []
        for el in get("participating-org"):
            name, raw, ref = self._org(el, lang)
            role = cl.organisation_role(el.get("role")) or "partner"
            self._mention(iid, ident, el, role, name, raw, ref)
            orgs.append((name, ref or raw))
        self._contact_names(get("contact-info"), get("reporting-org"), orgs, lang)

        transactions = get("transaction")
        self._transactions(iid, ident, transactions, lang, currency)
        self._places(iid, get("recipient-country"), get("recipient-region"), transactions)
        sectors = get("sector") or [s for t in transactions for s in t.iterfind("sector")]
        self._sectors(iid, sectors, get("tag"), lang)

    def _contact_names(self, contacts, reporting, orgs, lang) -> None:
        """The contact organisation as the name of the one participating organisation the
        activity writes by ref alone.

        GlobalGiving writes each project's implementer as ``<participating-org role="4"
        ref="XI-BRIDGE-3917964254"/>`` and its name only in ``contact-info/organisation``
        ("Children of the Nations"). The contact names that organisation when it is the only
        one written without a name, and the contact is neither the reporting organisation
        nor an organisation the activity names (then it is one of those).
        """
        org = contacts[0].find("organisation") if contacts else None
        contact = narrative([org], lang) if org is not None else None
        if not contact:
            return
        contact = contact.strip(_QUOTES + " ")  # as an organisation's own name (_org)
        own = {(_clean(r.get("ref")) or None) for r in reporting}
        own |= {normalise_org_ref(r) for r in own}
        nameless = {key for name, key in orgs if not name and key and key not in own
                    and not is_placeholder_ref(key)}
        named = {fold(n) for n, _ in orgs if n} | {fold(narrative([r], lang) or "")
                                                  for r in reporting}
        if len(nameless) == 1 and fold(contact) not in named:
            self.contact_name_of_ref.setdefault(nameless.pop(), contact)

    def _transactions(self, iid, ident, transactions, lang, currency) -> None:
        seen: set = set()
        for n, tr in enumerate(transactions, start=1):
            type_el = tr.find("transaction-type")
            code = cl.transaction_type_code(type_el.get("code") if type_el is not None else None)
            value_el = tr.find("value")
            date_el = tr.find("transaction-date")
            date = None
            if date_el is not None:
                date = self._date(date_el.get("iso-date") or date_el.text, date_el, ident,
                                  "transaction-date")
            if date is None and value_el is not None:
                date = self._date(value_el.get("value-date"), value_el, ident, "value/@value-date")
            row = {"flow_id": f"{iid}/transaction/{n}", "initiative_id": iid,
                   "flow_type": cl.transaction_type_name(code),
                   "amount": self._amount(value_el.text, value_el, ident) if value_el is not None
                   else None,
                   "currency": (_clean(value_el.get("currency")) if value_el is not None else "")
                   or currency, "date": date}
            for side, role in (("provider", "provider"), ("receiver", "receiver")):
                el = tr.find(f"{side}-org")
                name = raw = ref = None
                if el is not None:
                    name, raw, ref = self._org(el, lang)
                    self._mention(iid, ident, el, role, name, raw, ref, seen)
                row[f"{side}_name"], row[f"{side}_ref"], row[f"_{side}_raw"] = name, ref, raw
            self.rows["flows"].append(row)

    def _places(self, iid, countries, regions, transactions) -> None:
        if not countries and not regions:  # 2.01+: countries/regions may sit on transactions
            countries = [c for t in transactions for c in t.iterfind("recipient-country")]
            regions = [r for t in transactions for r in t.iterfind("recipient-region")]
        seen: set = set()
        for el in countries + regions:
            code = _clean(el.get("code"))
            if not code:
                continue
            share = _clean(el.get("percentage"))
            try:
                share = float(share) if share else None
            except ValueError:
                raise self._error(f"cannot read percentage {share!r}", el, field=el.tag) from None
            if el.tag == "recipient-country":
                iso3 = iso3_from_code(code)
                if iso3:
                    place, kind, name = iso3, "country", country_name(iso3)
                elif code.isdigit():  # a DAC region code written as a country
                    place, kind, name = code, "region", cl.region_name(code)
                else:
                    place, kind, name = code, "other", narrative([el])
            else:
                vocab = _clean(el.get("vocabulary")) or "1"
                place = code if vocab == "1" else f"{'M49' if vocab == '2' else vocab}:{code}"
                kind = "region"
                name = (cl.region_name(code) if vocab == "1" else None) or narrative([el])
            if (place, kind) in seen:
                continue
            seen.add((place, kind))
            self.rows["initiative_places"].append({"initiative_id": iid, "place": place,
                                                   "kind": kind, "name": name, "share": share})

    def _sectors(self, iid, sectors, tags, lang) -> None:
        goals, targets, themes = set(), set(), set()
        for el in sectors:
            code = _clean(el.get("code"))
            if not code:
                continue
            vocab = cl.sector_vocabulary(el.get("vocabulary"))
            if vocab in ("7", "8", "9"):
                self._sdg(code, {"7": "goal", "8": "target", "9": "indicator"}[vocab],
                          goals, targets)
                continue
            if vocab == "1" and len(code) == 3 and code.isdigit():
                vocab = "2"  # 1.0x files write 3-digit DAC categories under "DAC"
            name = cl.sector_name(code, vocab) or narrative([el], lang) or code
            themes.add((name, cl.theme_vocabulary(vocab), code))
        for el in tags:
            vocab = _clean(el.get("vocabulary"))
            if vocab in ("2", "3"):
                self._sdg(_clean(el.get("code")), "goal" if vocab == "2" else "target",
                          goals, targets)
        self.rows["initiative_themes"] += [{"initiative_id": iid, "theme": t, "vocabulary": v,
                                            "code": c} for t, v, c in sorted(themes)]
        self.rows["initiative_goals"] += [{"initiative_id": iid, "goal": g} for g in sorted(goals)]
        self.rows["initiative_targets"] += [{"initiative_id": iid, "target": t, "goal": g}
                                            for t, g in sorted(targets)]

    @staticmethod
    def _sdg(code: str, level: str, goals: set, targets: set) -> None:
        """Add an SDG goal ("14"), target ("14.a") or indicator ("14.1.1" → target 14.1)."""
        code = code.lower().removeprefix("sdg").strip(" .:")
        if level == "goal":
            if code.isdigit() and 1 <= int(code) <= 17:
                goals.add(int(code))
            return
        m = _TARGET.match(code)
        if m and 1 <= int(m[1]) <= 17 and (level == "indicator" or m.end() == len(code)):
            targets.add((f"{int(m[1])}.{m[2]}", int(m[1])))
            goals.add(int(m[1]))

    # -- result ------------------------------------------------------------------------
    def registry(self) -> Registry:
        """The rows read so far as a :class:`Registry`.

        An organisation given by a ref without a name or ``@type`` takes the name
        and type written for the same ref elsewhere in the file (else the name of
        the activity's contact organisation, :meth:`_contact_names`; else the ref
        itself, and the type its org-id prefix implies, else "unknown"). A
        placeholder ref ("XI-BRIDGE-null") is no name: two records carrying it name
        no one organisation, so such an organisation is left out (counted in
        :attr:`unnamed`).
        """
        named = []
        for row in self.rows["mentions"]:
            key = row["org_ref"] or row["_raw_ref"]
            if not row["name"]:
                row["name"] = (self.name_of_ref.get(key) or self.contact_name_of_ref.get(key)
                               or _ref_as_name(row["_raw_ref"]))
            if not row["name"]:
                self.unnamed += 1
                continue
            named.append(row)
            if not row["actor_type"]:
                row["actor_type"] = self.type_of_ref.get(key) or row["_ref_type"] or "unknown"
        self.rows["mentions"] = named
        for row in self.rows["flows"]:
            for side in ("provider", "receiver"):
                raw = row[f"_{side}_raw"]
                if not row[f"{side}_name"] and raw:
                    key = row[f"{side}_ref"] or raw
                    row[f"{side}_name"] = (self.name_of_ref.get(key)
                                           or self.contact_name_of_ref.get(key)
                                           or _ref_as_name(raw))
        frames = {t: pd.DataFrame(rows) for t, rows in self.rows.items() if rows}
        return Registry.from_frames(**frames)


def _ref_as_name(raw: str | None) -> str | None:
    """The raw ref as the name of an organisation written with no name; None for a placeholder."""
    return None if is_placeholder_ref(raw) else raw
