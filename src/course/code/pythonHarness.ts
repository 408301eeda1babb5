import { finishRun, parseShownJson, type RawCheck, type RunError, type RunResult } from "./values";

/**
 * Runs a Python code exercise in Pyodide: the learner's code, then the tests, in a fresh globals dict. Shared by
 * the worker (codePython.worker.ts) and the Node lint (loadPyodide from node_modules/pyodide), so both run the
 * same harness. The learner's code is compiled as "<your code>" and the tests as "<tests>", so a traceback names
 * the learner's own line directly.
 */

/** The part of the Pyodide API this needs (pyodide's own type is the real thing; tests pass that). */
export interface PyodideLike {
  runPython(code: string, options?: { globals?: never }): unknown;
  globals: object; // a PyProxy of Python's globals; `.get("dict")` is read below
}

// The harness, installed once per interpreter in its own namespace. `run` returns JSON: numbers that JSON
// cannot write (nan, inf) travel as the strings "NaN", "Infinity", "-Infinity" (values.ts parseShownJson).
const HARNESS = String.raw`
import builtins, io, json, math, sys, traceback

_BLOCKED = {"js", "pyodide", "pyodide_js", "_pyodide", "micropip"}
_real_import = builtins.__import__

def _guarded_import(name, globals=None, locals=None, fromlist=(), level=0):
    # Only the learner's namespace (and functions defined in it) is guarded; Pyodide's own modules import freely.
    if globals is not None and globals.get("__dojo_learner__") and name.split(".")[0] in _BLOCKED:
        raise ImportError(f"import {name} is not available in exercises: your code runs without the page and the network.")
    return _real_import(name, globals, locals, fromlist, level)

builtins.__import__ = _guarded_import

def _encode(v, depth=0):
    if depth > 20:
        return {"kind": "other", "type": type(v).__name__, "repr": "…"}
    if v is None:
        return {"kind": "none"}
    if isinstance(v, bool):
        return {"kind": "bool", "value": v}
    if isinstance(v, int):
        return {"kind": "number", "value": v if abs(v) < 2**53 else float(v), "int": True}
    if isinstance(v, float):
        if math.isnan(v):
            return {"kind": "number", "value": "NaN"}
        if math.isinf(v):
            return {"kind": "number", "value": "Infinity" if v > 0 else "-Infinity"}
        return {"kind": "number", "value": v}
    if isinstance(v, str):
        return {"kind": "string", "value": v}
    if isinstance(v, (list, tuple)):
        return {"kind": "list", "items": [_encode(x, depth + 1) for x in v], "tuple": isinstance(v, tuple)}
    if isinstance(v, dict):
        return {"kind": "dict", "entries": [[_encode(k, depth + 1), _encode(x, depth + 1)] for k, x in v.items()]}
    try:
        r = repr(v)
    except Exception:
        r = "<unprintable>"
    return {"kind": "other", "type": type(v).__name__, "repr": r[:500]}

def _error(e):
    where, line = None, None
    frames = traceback.extract_tb(e.__traceback__)
    for part, name in (("code", "<your code>"), ("tests", "<tests>")):
        inner = [f for f in frames if f.filename == name]
        if inner:
            where, line = part, inner[-1].lineno
            break
    if isinstance(e, SyntaxError) and e.filename in ("<your code>", "<tests>"):
        where, line = ("code" if e.filename == "<your code>" else "tests"), e.lineno
        return {"type": type(e).__name__, "message": e.msg, "line": line, "where": where}
    return {"type": type(e).__name__, "message": str(e), "line": line, "where": where}

def run(code, tests):
    out = io.StringIO()
    results = []
    g = {"__name__": "__main__", "__builtins__": builtins, "__dojo_learner__": True}

    def check(name, fn, expected, *, input="", tol=0):
        record = {"name": str(name), "input": str(input), "tol": float(tol), "expected": _encode(expected)}
        try:
            if not callable(fn):
                raise TypeError(f"check({name!r}, …): the second argument must be a function, e.g. lambda: f(1)")
            record["got"] = _encode(fn())
        except Exception as e:
            record["error"] = _error(e)
        results.append(record)

    g["check"] = check
    error = None
    saved = sys.stdout, sys.stderr, sys.stdin
    sys.stdout = sys.stderr = out
    sys.stdin = io.StringIO("")  # input() has no one to ask: it raises EOFError instead of waiting
    try:
        try:
            exec(compile(code, "<your code>", "exec"), g)
        except BaseException as e:
            error = _error(e)
        if error is None:
            try:
                exec(compile(tests, "<tests>", "exec"), g)
            except BaseException as e:
                error = _error(e)
                if error["where"] is None:
                    error["where"] = "tests"
    finally:
        sys.stdout, sys.stderr, sys.stdin = saved
    text = out.getvalue()
    if len(text) > 20000:
        text = text[:20000] + "\n…\n"
    return json.dumps({"tests": results, "output": text, "error": error})
`;

const installed = new WeakMap<PyodideLike, (code: string, tests: string) => string>();

/** Installs the harness (once per interpreter) and runs one exercise in a fresh namespace. */
export function runPython(py: PyodideLike, code: string, tests: string): RunResult {
  let run = installed.get(py);
  if (!run) {
    const dict = (py.globals as { get(k: string): () => { get(k: string): unknown } }).get("dict");
    const ns = dict();
    py.runPython(HARNESS, { globals: ns as never });
    run = ns.get("run") as (code: string, tests: string) => string;
    installed.set(py, run);
  }
  const raw = parseShownJson<{ tests: RawCheck[]; output: string; error: RunError | null }>(run(code, tests));
  if (raw.error && !raw.error.line) delete raw.error.line;
  if (raw.error && !raw.error.where) delete raw.error.where;
  for (const t of raw.tests) {
    if (t.error && !t.error.line) delete t.error.line;
    if (t.error && !t.error.where) delete t.error.where;
  }
  return finishRun(raw, "python");
}
