"""Run one hand-in's code cells inside its sandbox, and report plain values only.

    python -E -s runner.py JOB.json      (``tools/grading/sandbox.py`` starts it, inside bubblewrap)

This file runs *inside* the sandbox, beside the student's code, so it imports nothing of the course's tools
and trusts nothing it reports: the grader re-checks every line. ``JOB.json`` holds the cells (each with
``probe``: read the answers after it), the answer variables' names, the course copy's folder (which has no
answer key) and the limits.

Before any student code runs it sets the limits (address space, file size, open files, core dumps, and as
root the number of processes), forbids gaining privileges, and, started as root, becomes the unprivileged
user the job names. Each cell runs in one IPython shell, as in a notebook. After a probed cell, and at the end,
it writes one JSON line to the file descriptor the job names (a pipe to the grader): the cell's error, if any, and the answer variables as plain
values (a number, a string, None, a bool, or a short list of them; anything else is described by its type).
What the student's code prints goes to standard output and error, which the grader counts and discards.
"""

import json
import os
import resource
import sys

MAX_TEXT = 2000  # characters of a string answer kept
MAX_ITEMS = 50  # items of a list answer kept


def _limit(which, value):
    soft, hard = resource.getrlimit(which)
    new = value if hard == resource.RLIM_INFINITY else min(value, hard)
    resource.setrlimit(which, (new, new))


def confine(job):
    """Limits, no new privileges, and (started as root) the job's own unprivileged user."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    PR_SET_NO_NEW_PRIVS = 38
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise SystemExit("the sandbox could not forbid new privileges")
    if job["memory_bytes"]:
        _limit(resource.RLIMIT_AS, job["memory_bytes"])
    if job["file_bytes"]:
        _limit(resource.RLIMIT_FSIZE, job["file_bytes"])
    _limit(resource.RLIMIT_NOFILE, 1024)
    _limit(resource.RLIMIT_CORE, 0)
    if job.get("uid") is not None and (os.getuid() == 0 or os.geteuid() == 0):
        uid = job["uid"]
        _limit(resource.RLIMIT_NPROC, job["processes"])  # counted per user: this hand-in's user is its own
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
        if os.getuid() == 0 or os.geteuid() == 0:
            raise SystemExit("the sandbox could not give up root")


DESCRIBED = {"DataFrame": "a table (a pandas DataFrame)", "Series": "a column of a table (a pandas Series)",
             "ndarray": "an array", "dict": "a dictionary", "set": "a set", "frozenset": "a set", "bytes": "bytes",
             "complex": "a complex number", "Figure": "a chart (a matplotlib Figure)", "function": "a function",
             "module": "a module", "type": "a class"}


def describe(v) -> str:
    """What a value is, in words, for a message to the student: "a table (a pandas DataFrame)"."""
    name = type(v).__name__
    return DESCRIBED.get(name) or f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name} object"


def plain(v):
    """A value that may leave the sandbox: a number, a string, None, a bool, or a short list of them; anything
    else is described in words (``{"unsupported": "a table (a pandas DataFrame)"}``)."""
    import decimal
    import fractions

    if type(v).__module__ == "numpy":
        try:
            if getattr(v, "ndim", 0) == 0:
                v = v.item()
        except Exception:
            pass
    if isinstance(v, (decimal.Decimal, fractions.Fraction)):
        try:
            v = float(v)
        except (OverflowError, ValueError):
            return {"unsupported": "a number too large to read"}
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, int):
        return float(v) if abs(v) < 1e300 else {"unsupported": "a number too large to read"}
    if isinstance(v, float):
        return float(v)
    if isinstance(v, str):
        return str(v)[:MAX_TEXT]
    if isinstance(v, (list, tuple)):
        if len(v) > MAX_ITEMS:
            return {"unsupported": f"a list of {len(v)} items"}
        items = [plain(x) for x in v]
        if not any(isinstance(x, (list, dict)) for x in items):
            return items
        return {"unsupported": "a list that holds lists or objects"}
    return {"unsupported": describe(v)}


def report(channel, record):
    try:
        channel.write(json.dumps(record, allow_nan=True) + "\n")
        channel.flush()
    except (OSError, ValueError):
        pass  # the student's code closed the channel: what it computed after that is lost, as the guide says


def main(path):
    with open(path, encoding="utf-8") as fh:
        job = json.load(fh)
    channel = os.fdopen(job["fd"], "w", encoding="utf-8")
    confine(job)
    os.environ["COURSE_STUDENT"] = job.get("student") or ""  # whose hand-in: a notebook set to "auto" follows it
    os.makedirs(os.environ.get("HOME", "/tmp/home"), exist_ok=True)
    sys.path.insert(0, job["course"])
    os.chdir(job["workdir"])
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance(colors="NoColor")
    names = job["names"]

    def values():
        ns = shell.user_ns
        return {n: plain(ns[n]) for n in names if n in ns}

    for i, cell in enumerate(job["cells"]):
        result = shell.run_cell(cell["source"], store_history=False)
        err = result.error_before_exec or result.error_in_exec
        record = {"cell": i}
        if err is not None:
            try:
                record["error"] = f"{type(err).__name__}: {str(err)[:200]}"
            except Exception:
                record["error"] = type(err).__name__
        if cell.get("probe"):
            record["values"] = values()
        report(channel, record)
    report(channel, {"done": True, "values": values()})


if __name__ == "__main__":
    main(sys.argv[1])
