import { statSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { codeExerciseEn, codeExerciseJa } from "../../src/i18n/lessons/codeExercise";
import { describe, expect, it } from "vitest";
import { lintLesson } from "../../src/course/lint";
import { checkNamesIn, type CodeExerciseUse } from "../../src/course/code/directive";
import { blockedGlobals, lockDown } from "../../src/course/code/sandbox";
import { describeRun, lessonCodeExercises, runCode } from "./codeNode";

const fm = "---\ntitle: T\nsummary: S\nminutes: 5\n---\n";
const fence = (lang: string, role: string, body: string) => ["```" + `${lang} ${role}`, body, "```"].join("\n");
const exercise = (attrs: string, ...parts: string[]) => [`::::code-exercise{${attrs}}`, "Write `add(a, b)`.", "", ...parts, "::::"].join("\n");
const pyParts = [fence("python", "starter", "def add(a, b):\n    return 0"), fence("python", "solution", "def add(a, b):\n    return a + b"), fence("python", "tests", 'check("1 + 2", lambda: add(1, 2), 3)')];
const lint = (md: string) => lintLesson("lessons/99-x/en.md", fm + md);

describe("the ::::code-exercise directive", () => {
  it("reads id, lang, timeout, the three fences (with their file lines), hints and the solution part", () => {
    const md = exercise("id=add lang=python timeout=3", ":::hint\nUse +.\n:::\n", ":::solution\nJust add.\n:::\n", ...pyParts);
    const { uses, problems } = lint(md);
    expect(problems).toEqual([]);
    const use = uses[0] as CodeExerciseUse;
    // front matter is 5 lines; the directive is line 6, then instructions, a blank, the hint (4 lines) and the
    // solution part (4): the starter fence opens on line 17, its code is line 18; each 2-line fence takes 4
    expect(use.line).toBe(6);
    expect(use.spec).toEqual({
      id: "add", lang: "python", timeout: 3, hints: 1,
      starter: "def add(a, b):\n    return 0", solution: "def add(a, b):\n    return a + b", tests: 'check("1 + 2", lambda: add(1, 2), 3)',
      lines: { starter: 18, solution: 22, tests: 26 },
    });
  });
  it("defaults the timeout to 10 s for Python and 5 s for JS/TS", () => {
    expect((lint(exercise("id=a lang=python", ...pyParts)).uses[0] as CodeExerciseUse).spec?.timeout).toBe(10);
    const js = [fence("js", "starter", "const f = () => 0;"), fence("js", "solution", "const f = () => 1;"), fence("js", "tests", "check('f', () => f(), 1);")];
    expect((lint(exercise("id=a lang=js", ...js)).uses[0] as CodeExerciseUse).spec?.timeout).toBe(5);
    expect((lint(exercise("id=a lang=ts", ...js)).uses[0] as CodeExerciseUse).spec?.timeout).toBe(5);
  });
  it("names each problem with the file line and the fix", () => {
    const bad = [
      exercise("id=Bad_Id lang=python", ...pyParts),
      exercise("id=two lang=rust", ...pyParts),
      exercise("id=two lang=python timeout=0 size=3", fence("python", "starter", "x = 1"), fence("js", "solution", "x"), fence("python", "tests", "x = 1")),
      exercise("id=two lang=python", ...pyParts),
      exercise("id=choice lang=python", ":::choice[A]\nNo.\n:::\n", ...pyParts),
    ].join("\n\n");
    expect(lint(bad).problems).toEqual([
      'lessons/99-x/en.md:6: code-exercise id "Bad_Id" must be kebab-case: lowercase letters and digits joined by single dashes (it is part of the URL).',
      'lessons/99-x/en.md:22: code-exercise "two": unknown lang "rust". Use lang=python, lang=js, lang=ts.',
      'lessons/99-x/en.md:38: exercise id "two" is used twice in this file; each exercise needs its own id.',
      'lessons/99-x/en.md:38: code-exercise "two": unknown attribute "size". code-exercise accepts id, lang, timeout.',
      'lessons/99-x/en.md:38: code-exercise "two": timeout must be a number of seconds between 0 and 60, got "0".',
      'lessons/99-x/en.md:38: code-exercise "two": the solution fence at line 44 says ```js, but the exercise is lang=python; write ```python solution.',
      'lessons/99-x/en.md:38: code-exercise "two": the tests fence calls check(…) nowhere, so nothing would be tested.',
      'lessons/99-x/en.md:52: exercise id "two" is used twice in this file; each exercise needs its own id.',
      'lessons/99-x/en.md:68: code-exercise "choice": a choice at line 71 belongs to "::::exercise"; a code exercise has hints, a solution and its three fences.',
    ]);
  });
  it("asks for every missing fence and for instructions", () => {
    const md = ["::::code-exercise{id=empty lang=ts}", fence("ts", "starter", "let x = 1;"), "::::"].join("\n");
    expect(lint(md).problems).toEqual([
      'lessons/99-x/en.md:6: code-exercise "empty": the instructions are empty; say what to write, above the parts.',
      'lessons/99-x/en.md:6: code-exercise "empty": the ```ts solution fence is missing; a code exercise needs starter, solution and tests fences.',
      'lessons/99-x/en.md:6: code-exercise "empty": the ```ts tests fence is missing; a code exercise needs starter, solution and tests fences.',
    ]);
  });
  it("a translation names its checks in a ```json names fence; a name the tests do not have, or bad JSON, is an error", () => {
    const names = (body: string) => fence("json", "names", body);
    const ok = lint(exercise("id=n lang=python", ...pyParts, names('{"1 + 2": "1 と 2 を足す"}')));
    expect(ok.problems).toEqual([]);
    expect((ok.uses.find((u) => u.name === "code-exercise") as CodeExerciseUse).spec?.names).toEqual({ "1 + 2": "1 と 2 を足す" });
    expect(lint(exercise("id=n lang=python", ...pyParts, names('{"1 + 3": "1 と 3 を足す", "1 + 2": ""}'))).problems).toEqual([
      'lessons/99-x/en.md:6: code-exercise "n": the names fence at line 20 gives no name (an empty or non-string value) for "1 + 2".',
    ]);
    expect(lint(exercise("id=n lang=python", ...pyParts, names('{"1 + 3": "1 と 3 を足す"}'))).problems).toEqual([
      'lessons/99-x/en.md:6: code-exercise "n": the names fence names "1 + 3", but the tests have no check of that name. Copy each name from the tests fence exactly.',
    ]);
    expect(lint(exercise("id=n lang=python", ...pyParts, names("[1]"))).problems).toEqual([
      'lessons/99-x/en.md:6: code-exercise "n": the names fence at line 20 must hold one JSON object, {"English check name": "translated name", …}.',
    ]);
    expect(lint(exercise("id=n lang=python", ...pyParts, fence("yaml", "names", "a: b"))).problems).toEqual([
      'lessons/99-x/en.md:6: code-exercise "n": the names fence at line 20 says ```yaml; write ```json names.',
    ]);
  });
  it("reads the check names of a tests fence (Python and JavaScript quotes, escapes)", () => {
    expect(checkNamesIn('check("1 + 2", lambda: 3, 3)\ncheck(\'it\\\'s "x"\', () => 1, 1);\n  check( "a \\"b\\"", f, 1)')).toEqual(["1 + 2", 'it\'s "x"', 'a "b"']);
  });
  it("a hint inside a code exercise is its part, not a stray one", () => {
    expect(lint(exercise("id=h lang=python", ":::hint\nx\n:::\n", ...pyParts)).problems).toEqual([]);
  });
});

describe("the Python runner (Pyodide in Node, the worker's harness)", () => {
  it("reports each check: a tuple equals a list, a wrong list names its first differing index, prints are kept", async () => {
    const code = "def merge(ids, pair, idx):\n    print('merging', pair)\n    return [idx if i == pair[0] else i for i in ids]\n";
    const tests = 'check("tuple ok", lambda: (1, 2), [1, 2])\ncheck("merge", lambda: merge([1, 2, 3, 1, 2], (1, 2), 99), [99, 3, 99], input="merge([1, 2, 3, 1, 2], (1, 2), 99)")';
    const r = await runCode("python", code, tests);
    expect(r.error).toBeUndefined();
    expect(r.output).toBe("merging (1, 2)\n");
    expect(r.tests[0].pass).toBe(true);
    expect(r.tests[1]).toMatchObject({ pass: false, input: "merge([1, 2, 3, 1, 2], (1, 2), 99)", mismatch: { reason: "length", expected: "[99, 3, 99]", got: "[99, 2, 3, 99, 2]", expectedLength: 3, gotLength: 5, inner: { reason: "value", path: "[1]", expected: "3", got: "2" } } });
  });
  it("an exception fails only its test, with the learner's own line; the other tests still run", async () => {
    const code = "def mean(xs):\n    total = sum(xs)\n    return total / len(xs)\n";
    const r = await runCode("python", code, 'check("empty", lambda: mean([]), 0)\ncheck("two", lambda: mean([1, 3]), 2)');
    expect(r.tests[0].error).toEqual({ type: "ZeroDivisionError", message: "division by zero", line: 3, where: "code" });
    expect(r.tests[1].pass).toBe(true);
  });
  it("input() does not wait for a reader: it raises EOFError on the learner's line", async () => {
    const r = await runCode("python", "def ask():\n    return input('n? ')\n", 'check("ask", lambda: ask(), "3")');
    expect(r.tests[0].error).toEqual({ type: "EOFError", message: "EOF when reading a line", line: 2, where: "code" });
    expect(r.output).toBe("n? ");
  });
  it("a syntax error names its line before any test runs", async () => {
    const r = await runCode("python", "def f(:\n    pass\n", 'check("f", lambda: f(), None)');
    expect(r.error).toMatchObject({ type: "SyntaxError", line: 1, where: "code" });
    expect(r.tests).toEqual([]);
  });
  it("each run starts from a fresh namespace, and js / pyodide cannot be imported", async () => {
    await runCode("python", "leftover = 1", 'check("x", lambda: 1, 1)');
    const r = await runCode("python", "", 'check("fresh", lambda: "leftover" in globals(), False)');
    expect(r.tests[0].pass).toBe(true);
    for (const mod of ["js", "pyodide.http", "pyodide_js"]) {
      const b = await runCode("python", `import ${mod}`, 'check("x", lambda: 1, 1)');
      expect(b.error).toEqual({ type: "ImportError", message: `import ${mod} is not available in exercises: your code runs without the page and the network.`, line: 1, where: "code" });
    }
  });
});

describe("the JS/TS runner (Node, the worker's harness)", () => {
  it("strips TypeScript types and keeps the learner's line numbers for errors", async () => {
    const code = "interface P { x: number }\nfunction f(p: P): number {\n  const q: any = null;\n  return q.x + p.x;\n}\nconsole.log('ran', [1, 2]);";
    const r = await runCode("ts", code, "check('f', () => f({ x: 1 }), 1);\ncheck('g', () => 2, 2);");
    expect(r.output).toBe("ran [1,2]\n");
    expect(r.tests[0].error).toEqual({ type: "TypeError", message: "Cannot read properties of null (reading 'x')", line: 4, where: "code" });
    expect(r.tests[1].pass).toBe(true);
  });
  it("compares tensors by shape, then by the first differing element within tol", async () => {
    const tests = [
      "check('shape', () => tf.zeros([2, 3]), tf.zeros([3, 2]));",
      "check('values', () => tf.tensor2d([[1, 2], [3, 4.5]]), tf.tensor2d([[1, 2], [3, 4]]), { tol: 0.1 });",
      "check('close', () => tf.tensor1d([1, 2.00001]), [1, 2], { tol: 1e-4 });",
    ].join("\n");
    const r = await runCode("js", "", tests);
    expect(r.tests.map((t) => t.mismatch ?? "pass")).toEqual([
      { reason: "shape", path: "", expected: "(3, 2)", got: "(2, 3)" },
      { reason: "value", path: "[1, 1]", expected: "4", got: "4.5" },
      "pass",
    ]);
  });
  it("a syntax error and an import name their line; pretrained() is the course model", async () => {
    expect((await runCode("ts", "let a: number = 1;\nlet b = (;\n", "check('x', () => 1, 1);")).error).toEqual({ type: "SyntaxError", message: "Unexpected token", line: 2, where: "code" });
    expect((await runCode("js", "const x = 1;\nconst m = await import('https://example.com/x.js');", "check('x', () => 1, 1);")).error).toMatchObject({ type: "ImportError", line: 2, where: "code" });
    // the page translates the runners' own refusals by their exact English (CodeExercise.tsx ownMessage)
    expect((await runCode("js", "import x from 'y';", "check('x', () => 1, 1);")).error?.message).toBe(codeExerciseEn.own.importJs);
    expect((await runCode("python", "import js", 'check("x", lambda: 1, 1)')).error?.message).toBe(codeExerciseEn.own.importPy.replace("{{name}}", "js"));
    expect(codeExerciseJa.own.importPy).toBe("演習では import {{name}} は使えません。あなたのコードはページやネットワークから切り離されて動きます。");
    // the model card (public/models/moby-char.json): 3 layers, 4 heads, 64 wide, block 64, 159,488 parameters
    const r = await runCode("js", "const m = await pretrained();", "check('config', () => [m.config.nLayer, m.config.nHead, m.config.nEmbd, m.config.blockSize], [3, 4, 64, 64]);\ncheck('params', () => dojo.numParams(m), 159488);");
    expect(describeRun(r)).toEqual(["✓ config", "✓ params"]);
  });
  it("runs leave no tensors behind (the pretrained model included)", async () => {
    const code = "const m = await pretrained();\nconst x = tf.ones([2, 2]).matMul(tf.ones([2, 2]));";
    const tests = "check('sum', () => x.sum(), 8);";
    await runCode("js", code, tests); // warm-up: backend and kernels
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) expect(describeRun(await runCode("js", code, tests))).toEqual(["✓ sum"]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("what the page says about Python's download", () => {
  it("the size in 'Starting Python… (about N MB, once)' is the size of the files vite.config.ts copies", () => {
    const files = ["pyodide.asm.wasm", "pyodide.asm.mjs", "python_stdlib.zip", "pyodide-lock.json"];
    const mb = Math.round(files.reduce((sum, f) => sum + statSync(`node_modules/pyodide/${f}`).size, 0) / 1e6);
    expect(codeExerciseEn.loadingPython).toContain(`about ${mb} MB`);
    expect(codeExerciseJa.loadingPython).toContain(`約 ${mb} MB`);
  });
});

describe("lockDown (what a runner's worker removes before learner code runs)", () => {
  it("deletes what it can, shadows an inherited accessor, overwrites a writable one, reports a frozen one", () => {
    const proto = {};
    Object.defineProperty(proto, "indexedDB", { get: () => ({ open() {} }), configurable: true });
    const scope = Object.create(proto) as Record<string, unknown>;
    scope.fetch = () => "network";
    Object.defineProperty(scope, "importScripts", { value: () => "code", configurable: false, writable: true });
    Object.defineProperty(scope, "caches", { value: { open() {} }, configurable: false, writable: false });
    scope.postMessage = () => "kept";
    expect(lockDown(scope)).toEqual(["caches"]); // frozen for good: cannot be removed, so it is reported
    expect(scope.importScripts).toBeUndefined(); // non-configurable but writable: overwritten
    expect([scope.fetch, scope.indexedDB, "fetch" in scope]).toEqual([undefined, undefined, false]);
    expect(typeof scope.postMessage).toBe("function");
    const clean = Object.create(proto) as Record<string, unknown>;
    clean.fetch = () => "network";
    expect(lockDown(clean)).toEqual([]);
    expect(blockedGlobals).toEqual(expect.arrayContaining(["fetch", "XMLHttpRequest", "WebSocket", "importScripts", "indexedDB", "caches"]));
  });
});

describe("every code exercise in the lessons", () => {
  const all = lessonCodeExercises();
  it("parses", () => {
    expect(all.flatMap((e) => e.errors.map((m) => `${e.path}:${e.line}: ${m}`))).toEqual([]);
  });
  it("ja.md's code exercises are en.md's: same ids, lang and tests (only prose and comments are translated)", () => {
    const problems: string[] = [];
    for (const ja of all.filter((e) => e.path.endsWith("/ja.md") && e.spec)) {
      const enPath = ja.path.replace(/ja\.md$/, "en.md");
      const en = all.find((e) => e.path === enPath && e.spec?.id === ja.spec!.id);
      if (!en) problems.push(`${ja.path}:${ja.line}: code exercise "${ja.spec!.id}" is not in ${enPath}.`);
      else if (en.spec!.lang !== ja.spec!.lang) problems.push(`${ja.path}:${ja.line}: "${ja.spec!.id}" is lang=${ja.spec!.lang}, ${enPath} says lang=${en.spec!.lang}.`);
      else if (en.spec!.tests !== ja.spec!.tests) problems.push(`${ja.path}:${ja.spec!.lines.tests}: the tests of "${ja.spec!.id}" differ from ${enPath}:${en.spec!.lines.tests}.`);
    }
    expect(problems).toEqual([]);
  });
  it("ja.md names every check in Japanese (a ```json names fence); en.md has no names fence", () => {
    const problems: string[] = [];
    const japanese = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
    for (const e of all.filter((x) => x.spec)) {
      const { id, tests, names } = e.spec!;
      if (e.path.endsWith("/en.md")) {
        if (names) problems.push(`${e.path}:${e.line}: "${id}" has a names fence; en.md's check names are the English ones, so names belong in ja.md only.`);
        continue;
      }
      for (const name of checkNamesIn(tests)) {
        const ja = names?.[name];
        if (!ja) problems.push(`${e.path}:${e.line}: "${id}": the check "${name}" has no Japanese name; add "${name}": "…" to the exercise's \`\`\`json names fence.`);
        else if (!japanese.test(ja)) problems.push(`${e.path}:${e.line}: "${id}": the Japanese name of "${name}" is "${ja}", which has no Japanese in it.`);
      }
    }
    expect(problems).toEqual([]);
  });
  it.each(all.filter((e) => e.spec).map((e) => [`${e.path} ${e.spec!.id}`, e] as const))("%s: the solution passes every test, the starter fails one", async (_, e) => {
    const spec = e.spec!;
    const solved = await runCode(spec.lang, spec.solution, spec.tests);
    expect(describeRun(solved).filter((l) => !l.startsWith("✓")), `${e.path}:${spec.lines.solution}: the solution must pass every test`).toEqual([]);
    expect(solved.tests.length).toBeGreaterThan(0);
    // a translated page shows every check's name in its language: the names fence covers what the tests really run
    if (e.path.endsWith("/ja.md")) expect(solved.tests.map((t) => t.name).filter((n) => !spec.names?.[n]), `${e.path}:${spec.lines.tests}: checks without a Japanese name`).toEqual([]);
    const starter = await runCode(spec.lang, spec.starter, spec.tests);
    expect(Boolean(starter.error) || starter.tests.some((t) => !t.pass), `${e.path}:${spec.lines.starter}: the starter passes every test; it must leave something to do`).toBe(true);
  });
});
