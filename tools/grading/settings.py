"""The settings of a term that runs share: the course file, the hand-in manifest, the class list and the
gradebook exports. A run given one keeps it with the results; a later run (a re-grade, a merge of marks) that
does not repeat it uses the kept one, and says so, so that forgetting an option never changes a result."""

from __future__ import annotations

from pathlib import Path

from .gradebook import check_exports
from .store import Store
from .term import Term, read_manifest

#: The term's settings a run may be given, and the name each is kept under with the results.
SETTINGS = (("term", "term.toml"), ("handed_in", "handins.csv"), ("roster", "class.csv"))


def term_settings(store: Store, given: dict, exports, scratch: Path, students, echo=print) -> dict:
    """The course file, the manifest, the class list and the exports for this run: each as given, or else as
    kept with the results by an earlier run (so a re-grade or a merge of marks that does not repeat them changes
    nothing silently). Everything is checked before anything runs, then kept for the next run."""
    out, texts, reused = {}, {}, []
    for key, name in SETTINGS:
        path = given.get(key)
        if path is not None:
            try:
                texts[key] = Path(path).read_text(encoding="utf-8-sig")
            except FileNotFoundError:
                raise SystemExit(f"{path}: no such file") from None
            out[key] = Path(path)
        elif (text := store.setting(key)) is not None:
            out[key] = scratch / name
            out[key].write_text(text, encoding="utf-8")
            reused.append(name)
        else:
            out[key] = None
    kept = store.setting("exports")
    out["exports"] = list(dict.fromkeys(exports)) or (kept.split(",") if kept else [])
    if not exports and kept:
        reused.append("exports (" + kept.replace(",", ", ") + ")")
    out["term"] = Term.load(out["term"]) if out["term"] else Term()
    out["times"] = read_manifest(out["handed_in"], out["term"].tz)
    check_exports(out["roster"], out["exports"], set(students) | store.students())
    for key, text in texts.items():
        store.remember(key, text)
    if exports:
        store.remember("exports", ",".join(out["exports"]))
    if reused:
        echo(f"as kept with the results from an earlier run: {', '.join(reused)}")
    out["reused"] = reused
    return out


