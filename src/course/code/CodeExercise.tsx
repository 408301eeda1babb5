import { HelpButtons } from "../exercises/Exercise";
import { Children, isValidElement, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { markSolved, useProgress } from "../../hooks/useProgress";
import { loadJSON, saveJSON } from "../../storage";
import { codeRunner, type RunOutcome, type RunStage } from "../../workers/codeClient";
import { lessonHref } from "../route";
import { DirectiveError } from "../WidgetHost";
import type { CodeExerciseSpec, CodeExerciseUse } from "./directive";
import type { CodeEditor } from "./editor";
import { allPass, formatShown, shapeOf, shapeText, type CodeLang, type RunError, type Shown, type TestResult } from "./values";
import { codeExerciseEn } from "../../i18n/lessons/codeExercise";
import "./code-exercise.css";

const partOf = (c: ReactNode) => (isValidElement<{ "data-part"?: string }>(c) ? c.props["data-part"] : undefined);
const langName: Record<CodeLang, string> = { python: "Python", js: "JavaScript", ts: "TypeScript" };
const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
/** Where the learner's code for one exercise is kept (a reload keeps what was typed). */
export const savedCodeKey = (slug: string, id: string) => `gpt-dojo:code:${slug}/${id}`;

/** One `::::code-exercise`: instructions, the editor, Run / Reset, what each test gave, hints, the solution. */
export function CodeExercise({ json, slug, path, children }: { json: string; slug: string; path: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const use = JSON.parse(json) as CodeExerciseUse;
  if (use.errors.length || !use.spec) return <DirectiveError title={t("exercise.error")} lines={use.errors.map((e) => `${path}:${use.line}: ${e}`)} />;
  return (
    <CodeExerciseBody spec={use.spec} slug={slug}>
      {children}
    </CodeExerciseBody>
  );
}

function CodeExerciseBody({ spec, slug, children }: { spec: CodeExerciseSpec; slug: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const name = useId();
  const progress = useProgress();
  const key = savedCodeKey(slug, spec.id);
  const [code, setCode] = useState(() => loadJSON<string>(key, spec.starter));
  const codeRef = useRef(code);
  const [stage, setStage] = useState<RunStage | "queued" | null>(null); // queued: sent, the worker has not answered yet
  const [outcome, setOutcome] = useState<RunOutcome | null>(null);
  const [notice, setNotice] = useState("");
  const [hintsShown, setHintsShown] = useState(0);
  const [solutionShown, setSolutionShown] = useState(false);
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<CodeEditor | null>(null);
  const [editorReady, setEditorReady] = useState(false);
  const runRef = useRef<() => void>(() => {});

  const solved = Boolean(progress.solved[`${slug}/${spec.id}`]);
  const all = Children.toArray(children);
  const instructions = all.filter((c) => !partOf(c));
  const hints = all.filter((c) => partOf(c) === "hint");
  const solution = all.filter((c) => partOf(c) === "solution");

  const onChange = (text: string) => {
    codeRef.current = text;
    setCode(text);
    setNotice("");
    saveJSON(key, text);
  };

  const run = async () => {
    if (stage) return;
    setStage("queued");
    setNotice("");
    const result = await codeRunner(spec.lang).run(spec.lang, codeRef.current, spec.tests, spec.timeout, setStage);
    setStage(null);
    setOutcome(result);
    if (result.kind === "result" && allPass(result.result)) markSolved(slug, spec.id);
  };
  // the editor's Ctrl/Cmd+Enter calls the latest run (it sees the current stage)
  useEffect(() => {
    runRef.current = run;
  });

  // CodeMirror is imported here, on first render of a code exercise, so pages without one never download it.
  useEffect(() => {
    let cancelled = false;
    let made: CodeEditor | undefined;
    import("./editor").then(({ createEditor }) => {
      if (cancelled || !host.current) return;
      made = createEditor(host.current, {
        text: codeRef.current,
        lang: spec.lang,
        label: t("codeExercise.editor", { lang: langName[spec.lang] }),
        onChange,
        onRun: () => runRef.current(),
      });
      editor.current = made;
      setEditorReady(true);
    });
    return () => {
      cancelled = true;
      made?.destroy();
      editor.current = null;
    };
    // the editor lives as long as the exercise; text changes flow out through onChange
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [spec.lang]);

  const reset = () => {
    editor.current?.setText(spec.starter);
    onChange(spec.starter);
    setOutcome(null);
    setNotice(t("codeExercise.resetDone"));
  };

  const busy = stage !== null;
  const status = stage === "loading" ? t(spec.lang === "python" ? "codeExercise.loadingPython" : "codeExercise.loadingJs") : stage === "running" ? t("codeExercise.running") : notice;

  return (
    <section className={`exercise code-exercise${solved ? " solved" : ""}`} id={spec.id} tabIndex={-1} aria-labelledby={`${name}-title`} data-testid={`exercise-${spec.id}`}>
      <header className="ex-header">
        <strong id={`${name}-title`}>{t(`codeExercise.kind.${spec.lang}`)}</strong>
        {solved && <span className="badge done">{t("exercise.solved")}</span>}
        <a className="anchor" href={lessonHref(slug, spec.id)} aria-label={t("exercise.link")}>
          #
        </a>
      </header>
      <div className="ex-question">{instructions}</div>
      <div className="code-editor" ref={host} data-testid="code-editor" data-ready={editorReady ? "1" : "0"}>
        {!editorReady && (
          <pre className="code-placeholder" aria-busy="true">
            <span className="muted">{t("codeExercise.loadingEditor")}</span>
            {"\n"}
            {code}
          </pre>
        )}
      </div>
      <div className="ex-buttons code-buttons">
        <button type="button" className="primary" onClick={run} disabled={busy} data-testid="code-run" aria-keyshortcuts="Control+Enter Meta+Enter">
          ▶ {t("codeExercise.run")} <kbd>{t(isMac ? "codeExercise.runKeyMac" : "codeExercise.runKey")}</kbd>
        </button>
        {busy && (
          <button type="button" onClick={() => codeRunner(spec.lang).stop()} data-testid="code-stop">
            ■ {t("codeExercise.stop")}
          </button>
        )}
        <button type="button" onClick={reset} disabled={busy} data-testid="code-reset">
          {t("codeExercise.reset")}
        </button>
        <HelpButtons hints={hints.length} hintsShown={hintsShown} onHint={() => setHintsShown((n) => n + 1)} solution={solution.length > 0 && !solutionShown} onSolution={() => setSolutionShown(true)} />
      </div>
      <p className="code-status" role="status" aria-live="polite" data-testid="code-status">
        {status}
      </p>
      {outcome && <Outcome outcome={outcome} lang={spec.lang} names={spec.names} />}
      {hints.slice(0, hintsShown)}
      {solutionShown && solution}
    </section>
  );
}

/** `names`: the translated lesson's name for each check (its ```json names fence), shown instead of the English one. */
function Outcome({ outcome, lang, names }: { outcome: RunOutcome; lang: CodeLang; names?: Record<string, string> }) {
  const { t } = useTranslation();
  if (outcome.kind === "timeout")
    return (
      <>
        <p className="ex-feedback no" role="alert" data-testid="code-summary">
          {t("codeExercise.timeout", { seconds: outcome.seconds })}
        </p>
        {outcome.output && (
          <div className="code-output">
            <strong>{t("codeExercise.output")}</strong>
            <pre data-testid="code-output">{outcome.output}</pre>
          </div>
        )}
      </>
    );
  if (outcome.kind === "stopped") return <p className="ex-feedback no" data-testid="code-summary">{t("codeExercise.stopped")}</p>;
  if (outcome.kind === "failed")
    return (
      <p className="ex-feedback no" role="alert" data-testid="code-summary">
        {t("codeExercise.failed", { message: ownMessage(t, outcome.message) })}
      </p>
    );
  const r = outcome.result;
  const passed = r.tests.filter((x) => x.pass).length;
  const ok = allPass(r);
  return (
    <div className="code-results" data-testid="code-results">
      <div>
        <p className={`ex-feedback ${ok ? "ok" : "no"}`} data-testid="code-summary">
          {ok ? `✓ ${t("codeExercise.allPass", { total: r.tests.length })}` : r.tests.length ? t("codeExercise.summary", { passed, total: r.tests.length }) : t("codeExercise.noTests")}
        </p>
        {r.error && (
          <p className="code-error" data-testid="code-error">
            {errorText(t, r.error)}
          </p>
        )}
        <ol className="code-tests">
          {r.tests.map((test, i) => (
            <TestRow key={i} test={test} lang={lang} name={names?.[test.name] ?? test.name} />
          ))}
        </ol>
      </div>
      <div className="code-output">
        <strong>{t("codeExercise.output")}</strong>
        <pre data-testid="code-output">{r.output || t("codeExercise.noOutput")}</pre>
      </div>
    </div>
  );
}

type T = ReturnType<typeof useTranslation>["t"];

/**
 * The runners' own messages in the reader's language (the import refusals, a stopped worker); the runtime's own
 * words (a SyntaxError's, a ZeroDivisionError's) stay as Python or JavaScript prints them.
 * Example: "import os is not available in exercises: …" → "演習では import os は使えません。…" in Japanese.
 */
function ownMessage(t: T, message: string): string {
  const en = codeExerciseEn.own;
  if (message === en.importJs) return t("codeExercise.own.importJs");
  if (message === en.workerStopped) return t("codeExercise.own.workerStopped");
  const py = /^import (\S+) is not available in exercises: your code runs without the page and the network\.$/.exec(message);
  return py ? t("codeExercise.own.importPy", { name: py[1] }) : message;
}

function errorText(t: T, e: RunError): string {
  const values = { type: e.type, message: ownMessage(t, e.message), line: e.line };
  if (e.where === "tests") return t(e.line ? "codeExercise.testsError" : "codeExercise.testsErrorNoLine", values);
  return t(e.line ? "codeExercise.codeError" : "codeExercise.codeErrorNoLine", values);
}

/** "shape (2, 3)" for tensors and rectangular nested lists, "length 3" for other lists. */
function sizeText(t: T, s: Shown): string {
  const shape = shapeOf(s);
  if (!shape) return "";
  return s.kind === "tensor" || shape.length > 1 ? t("codeExercise.shape", { shape: shapeText(shape) }) : t("codeExercise.length", { n: shape[0] });
}

function TestRow({ test, lang, name }: { test: TestResult; lang: CodeLang; name: string }) {
  const { t } = useTranslation();
  const m = test.mismatch;
  const at = m?.path ? t("codeExercise.why.at", { path: m.path }) : "";
  const why = !m
    ? ""
    : m.reason === "value"
      ? t(m.path ? "codeExercise.why.value" : "codeExercise.why.valueTop", { path: m.path, expected: m.expected, got: m.got })
      : t(`codeExercise.why.${m.reason}`, { at, path: m.path, expected: m.expected, got: m.got, expectedLength: m.expectedLength, gotLength: m.gotLength }) +
        (m.inner ? ` ${t("codeExercise.why.firstDiff", { path: m.inner.path, expected: m.inner.expected, got: m.inner.got })}` : "");
  const e = test.error;
  return (
    <li className={`code-test ${test.pass ? "pass" : "fail"}`} data-testid="code-test">
      <strong>
        <span aria-label={t(test.pass ? "codeExercise.pass" : "codeExercise.fail")}>{test.pass ? "✓" : "✗"}</span> {name}
      </strong>
      {!test.pass && (
        <dl>
          {test.input && (
            <>
              <dt>{t("codeExercise.input")}</dt>
              <dd>
                <code>{test.input}</code>
              </dd>
            </>
          )}
          <dt>{t("codeExercise.expected")}</dt>
          <dd>
            <code>{formatShown(test.expected, lang)}</code> <span className="muted">{sizeText(t, test.expected)}</span>
          </dd>
          <dt>{t("codeExercise.got")}</dt>
          <dd>
            {e ? (
              <span className="code-raised" data-testid="code-raised">
                {e.line ? t(e.where === "tests" ? "codeExercise.raisedInTests" : "codeExercise.raised", { type: e.type, line: e.line, message: ownMessage(t, e.message) }) : t("codeExercise.raisedNoLine", { type: e.type, message: ownMessage(t, e.message) })}
              </span>
            ) : (
              test.got && (
                <>
                  <code>{formatShown(test.got, lang)}</code> <span className="muted">{sizeText(t, test.got)}</span>
                </>
              )
            )}
          </dd>
        </dl>
      )}
      {why && (
        <p className="code-why" data-testid="code-why">
          {why}
        </p>
      )}
    </li>
  );
}
