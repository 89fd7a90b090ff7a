#!/usr/bin/env python3
"""The catalogue's upkeep.

    python3 scripts/i18n.py            writes i18n/en.ftl from the texts the code names
                                       (t!("...")), keeps the texts with ids written by hand,
                                       and says what each other language lacks
    python3 scripts/i18n.py --missing zh   prints, as Fluent, the English of what zh lacks
    python3 scripts/i18n.py --prune        also drops from each language what English no
                                           longer has

The id of a text is made as `id_of` in src/i18n/mod.rs makes it; a test checks both agree.
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
I18N = ROOT / "i18n"
LANGS = ["zh", "ru", "es"]
HEADER = """# CMM Commissioner: the catalogue of every text shown to people, in English (the source).
#
# The texts the code names by their English words come first, by file: this part is written
# by `python3 scripts/i18n.py` (ids as `id_of` in src/i18n/mod.rs makes them); to change such
# a text, change it in the code. Texts with plural forms have ids of their own and are
# written by hand at the end.
"""
HAND = "## Written by hand: texts with ids of their own (plural forms)"


def is_id(key):
    return bool(re.fullmatch(r"[a-z][a-z0-9-]*", key)) and "-" in key


def fnv(text):
    h = 0x811C9DC5
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def id_of(key):
    if is_id(key):
        return key
    slug = ""
    for c in key:
        if c.isascii() and c.isalnum():
            slug += c.lower()
        elif slug and not slug.endswith("-"):
            slug += "-"
        if len(slug) >= 32:
            break
    slug = slug.rstrip("-")
    lead = "" if slug[:1].islower() and slug[:1].isascii() else "t-"
    sep = "-" if slug else ""
    return f"{lead}{slug}{sep}{fnv(key) & 0xFFFFFF:06x}"


def rust_string(src, i):
    """The value of the Rust string literal starting at src[i] == '"', and where it ends."""
    assert src[i] == '"'
    i += 1
    out = []
    while True:
        c = src[i]
        if c == '"':
            return "".join(out), i + 1
        if c == "\\":
            n = src[i + 1]
            if n == "\n":
                i += 2
                while src[i] in " \t\n\r":
                    i += 1
                continue
            out.append({"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "0": "\0"}.get(n, n))
            if n == "u":
                end = src.index("}", i)
                out[-1] = chr(int(src[i + 3 : end], 16))
                i = end + 1
                continue
            i += 2
            continue
        out.append(c)
        i += 1


def code_keys():
    """(file, key) for every t!("...") in the sources, in order."""
    keys = []
    for path in sorted((ROOT / "src").rglob("*.rs")):
        if path.name == "tests.rs" and path.parent.name == "i18n":
            continue  # the catalogue's own tests
        src = path.read_text(encoding="utf-8")
        for m in re.finditer(r"\b[tn]!\(\s*\"", src):
            line_start = src.rfind("\n", 0, m.start()) + 1
            if "//" in src[line_start : m.start()] or src[m.start() - 1] == '"':
                continue  # in a comment, or in a string
            key, _ = rust_string(src, m.end() - 1)
            keys.append((str(path.relative_to(ROOT)), key))
    return keys


def ftl_value(text):
    """`text` as a Fluent value (after `id =`)."""

    def escape_line(line):
        if line[:1] in ("[", "*", "."):
            line = '{"' + line[0] + '"}' + line[1:]
        if line.startswith(" "):
            line = '{" "}' + line[1:]
        if line.endswith(" "):
            line = line[:-1] + '{" "}'
        return line

    lines = text.split("\n")
    if len(lines) == 1:
        return " " + escape_line(lines[0])
    return "\n" + "\n".join("    " + escape_line(line) if line else "" for line in lines)


def parse_ftl(path):
    """id -> the message's whole text (id line and continuation lines), in order."""
    return parse_ftl_text(path.read_text(encoding="utf-8")) if path.exists() else {}


def parse_ftl_text(text):
    messages = {}
    current = None
    for line in text.split("\n"):
        m = re.match(r"^([a-zA-Z][a-zA-Z0-9_-]*)\s*=", line)
        if m:
            current = m.group(1)
            messages[current] = [line]
        elif current and (line.startswith((" ", "\t", "}")) or line == ""):
            messages[current].append(line)
        else:
            current = None
    return {k: "\n".join(v).rstrip("\n") for k, v in messages.items()}


def main(argv):
    keys = code_keys()
    en_path = I18N / "en.ftl"
    old = en_path.read_text(encoding="utf-8") if en_path.exists() else ""
    hand_text = old.split(HAND, 1)[1].strip("\n") + "\n" if HAND in old else ""
    hand = parse_ftl_text(hand_text)
    missing_hand = sorted({k for _, k in keys if is_id(k)} - hand.keys())
    out = [HEADER]
    seen = {}
    last_file = None
    for file, key in keys:
        if is_id(key):
            continue
        i = id_of(key)
        if i in seen:
            if seen[i] != key:
                sys.exit(f"two texts have the id {i}: {seen[i]!r} and {key!r}")
            continue
        seen[i] = key
        if file != last_file:
            out.append(f"\n## {file}\n")
            last_file = file
        out.append(f"{i} ={ftl_value(key)}\n")
    out.append(f"\n{HAND}\n\n")
    out.append(hand_text)
    en_path.write_text("".join(out), encoding="utf-8")
    en = parse_ftl(en_path)
    for k in missing_hand:
        print(f"en: {k} is named in the code but not written in en.ftl")
    if len(argv) > 1 and argv[1] == "--missing":
        lang = argv[2]
        have = parse_ftl(I18N / f"{lang}.ftl")
        for k, v in en.items():
            if k not in have:
                print(v)
        return
    for lang in LANGS:
        path = I18N / f"{lang}.ftl"
        have = parse_ftl(path)
        lacks = [k for k in en if k not in have]
        stale = [k for k in have if k not in en]
        print(f"{lang}: {len(have)} texts, lacks {len(lacks)}, {len(stale)} no longer used")
        if "--prune" in argv and stale:
            text = path.read_text(encoding="utf-8")
            for k in stale:
                text = text.replace(have[k] + "\n", "")
            path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv)
