import { Children, createContext, isValidElement, useContext, useId, useState, type FormEvent, type KeyboardEvent, type ReactElement, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { markSolved, useProgress } from "../../hooks/useProgress";
import { lessonHref } from "../route";
import { DirectiveError } from "../WidgetHost";
import { checkChoices, checkNumber, checkShape, type Verdict } from "./answers";
import type { ExerciseUse } from "./directive";

type PartProps = { "data-part"?: string; "data-index"?: string; "data-correct"?: string; "data-role"?: string; children?: ReactNode };

interface ChoiceContext {
  name: string;
  multi: boolean;
  selected: number[];
  locked: boolean;
  explain: (i: number) => boolean; // show this choice's explanation now?
  toggle: (i: number) => void;
}
const Choices = createContext<ChoiceContext | null>(null);

const partOf = (c: ReactNode) => (isValidElement<PartProps>(c) ? c.props["data-part"] : undefined);

/** One `:::exercise`: the question, an answer field or choices, feedback, hints one at a time, the solution. */
export function Exercise({ json, slug, path, children }: { json: string; slug: string; path: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const use = JSON.parse(json) as ExerciseUse;
  const progress = useProgress();
  const name = useId();
  // typed answers and picked choices survive a re-render in the other language (and a reload in this tab)
  const draftKey = `${slug}/${String(use.props?.id ?? "")}`;
  const [input, setInput] = useDraft<string>(`${draftKey}:input`, "");
  const [selected, setSelected] = useDraft<number[]>(`${draftKey}:selected`, []);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [attempts, setAttempts] = useState(0);
  const [hintsShown, setHintsShown] = useState(0);
  const [solutionShown, setSolutionShown] = useState(false);
  const [committed, setCommitted] = useState(false);
  if (use.errors.length || !use.spec) return <DirectiveError title={t("exercise.error")} lines={use.errors.map((e) => `${path}:${use.line}: ${e}`)} />;
  const spec = use.spec;

  const all = Children.toArray(children);
  const question = all.filter((c) => !partOf(c));
  const parts = (p: string) => all.filter((c) => partOf(c) === p);
  const hints = parts("hint"), solution = parts("solution"), choices = parts("choice"), reveal = parts("reveal");
  const solved = Boolean(progress.solved[`${slug}/${spec.id}`]);
  const predict = spec.kind === "predict";
  const locked = predict && committed;

  const submit = () => {
    if (predict) {
      if (choices.length ? selected.length === 0 : input.trim() === "") return setVerdict({ ok: false, reason: choices.length ? "noChoice" : "empty" });
      setCommitted(true);
      setVerdict(null);
      return markSolved(slug, spec.id); // committing a prediction is the exercise; the reveal is the reward
    }
    const v =
      spec.kind === "numeric" ? checkNumber(input, spec.number ?? NaN, spec.tol)
      : spec.kind === "shape" ? checkShape(input, spec.shape ?? { error: true })
      : checkChoices(selected, spec.correct);
    setVerdict(v);
    setAttempts((a) => a + 1);
    if (v.ok) markSolved(slug, spec.id);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit();
  };
  // Enter on a radio or checkbox submits too (browsers only do it for text fields).
  const onKeyDown = (e: KeyboardEvent) => {
    const type = (e.target as HTMLInputElement).type;
    if (e.key === "Enter" && (type === "radio" || type === "checkbox")) {
      e.preventDefault();
      submit();
    }
  };

  const done = verdict?.ok || solutionShown || committed;
  const multi = spec.correct.length > 1;
  const context: ChoiceContext = {
    name,
    multi,
    selected,
    locked,
    explain: (i) => done || (verdict !== null && !verdict.ok && selected.includes(i) && attempts > 0),
    toggle: (i) => {
      setSelected((s) => (multi ? (s.includes(i) ? s.filter((x) => x !== i) : [...s, i].sort()) : [i]));
      if (!predict) setVerdict(null);
    },
  };

  return (
    <section className={`exercise${solved ? " solved" : ""}`} id={spec.id} tabIndex={-1} aria-labelledby={`${name}-title`} data-testid={`exercise-${spec.id}`}>
      <header className="ex-header">
        <strong id={`${name}-title`}>{t(`exercise.kind.${spec.kind}`)}</strong>
        {solved && <span className="badge done">{t("exercise.solved")}</span>}
        <a className="anchor" href={lessonHref(slug, spec.id)} aria-label={t("exercise.link")}>
          #
        </a>
      </header>
      <div className="ex-question">{question}</div>
      <Choices.Provider value={context}>
        <form className="ex-form" onSubmit={onSubmit} onKeyDown={onKeyDown}>
          {choices.length > 0 ? (
            <fieldset className="ex-choices" disabled={locked}>
              <legend className="visually-hidden">{t(multi ? "exercise.pickAll" : "exercise.pickOne")}</legend>
              {multi && <p className="muted">{t("exercise.pickAll")}</p>}
              {choices}
            </fieldset>
          ) : spec.kind !== "choice" ? (
            <label className="ex-answer">
              {t(predict ? "exercise.yourPrediction" : "exercise.yourAnswer")}
              <input
                value={input}
                onChange={(e) => {
                  setInput(e.target.value);
                  if (!predict) setVerdict(null);
                }}
                disabled={locked}
                placeholder={t(`exercise.placeholder.${spec.kind === "shape" ? "shape" : predict ? "predict" : "numeric"}`)}
                inputMode={spec.kind === "numeric" ? "decimal" : "text"}
                autoComplete="off"
                spellCheck={false}
                data-testid="ex-input"
              />
            </label>
          ) : null}
          <div className="ex-buttons">
            <button type="submit" className="primary" disabled={locked} data-testid="ex-check">
              {t(predict ? "exercise.commit" : "exercise.check")}
            </button>
            <HelpButtons hints={hints.length} hintsShown={hintsShown} onHint={() => setHintsShown((n) => n + 1)} solution={solution.length > 0 && !solutionShown} onSolution={() => setSolutionShown(true)} />
          </div>
        </form>
        <Feedback verdict={verdict} hintsLeft={hintsShown < hints.length && attempts >= 2} />
        {locked && <p className="ex-feedback ok" role="status">{t("exercise.committed", { guess: choices.length ? selected.map((i) => i + 1).join(", ") : input })}</p>}
        {hints.slice(0, hintsShown)}
        {solutionShown && solution}
        {(committed || (!predict && done)) && reveal}
      </Choices.Provider>
    </section>
  );
}

function Feedback({ verdict, hintsLeft }: { verdict: Verdict | null; hintsLeft: boolean }) {
  const { t } = useTranslation();
  if (!verdict) return <p className="ex-feedback" role="status" aria-live="polite" />;
  if (verdict.ok)
    return (
      <p className="ex-feedback ok" role="status" aria-live="polite" data-testid="ex-feedback">
        ✓ {t("exercise.correct")}
      </p>
    );
  const { reason, ...values } = verdict;
  return (
    <p className="ex-feedback no" role="status" aria-live="polite" data-testid="ex-feedback">
      {t("exercise.notYet", { why: t(`exercise.why.${reason}`, values) })}
      {hintsLeft && ` ${t("exercise.stuck")}`}
    </p>
  );
}

/** A hint, the solution, a reveal or one choice; `LessonMarkdown` maps `<dojo-exercise-part>` here. */
export function ExercisePart(props: PartProps) {
  const { t } = useTranslation();
  const choices = useContext(Choices);
  const part = props["data-part"], index = Number(props["data-index"] ?? 0);
  if (part === "choice" && choices) {
    const kids = Children.toArray(props.children);
    const label = kids.filter((c) => isValidElement<PartProps>(c) && c.props["data-role"] === "label") as ReactElement<PartProps>[];
    const why = kids.filter((c) => !label.includes(c as ReactElement<PartProps>));
    const correct = props["data-correct"] === "1";
    const checked = choices.selected.includes(index);
    return (
      <div className={`ex-choice${checked ? " checked" : ""}`} data-testid={`ex-choice-${index}`}>
        <label>
          <input type={choices.multi ? "checkbox" : "radio"} name={choices.name} checked={checked} onChange={() => choices.toggle(index)} disabled={choices.locked} />
          <span className="ex-choice-text">{label.map((l) => l.props.children)}</span>
        </label>
        {choices.explain(index) && (
          <div className={`ex-why ${correct ? "ok" : "no"}`} data-testid={`ex-why-${index}`}>
            <strong>{correct ? `✓ ${t("exercise.rightChoice")}` : `✗ ${t("exercise.wrongChoice")}`}</strong>
            {why}
          </div>
        )}
      </div>
    );
  }
  const title = part === "hint" ? t("exercise.hintTitle", { n: index + 1 }) : part === "solution" ? t("exercise.solution") : t("exercise.reveal");
  return (
    <div className={`ex-part ex-${part}`} data-testid={`ex-${part}-${index}`}>
      <strong>{title}</strong>
      {props.children}
    </div>
  );
}

/** useState kept in sessionStorage under gpt-dojo:draft:<key>, so a remounted exercise shows what was typed. */
function useDraft<T>(key: string, initial: T): [T, (v: T | ((old: T) => T)) => void] {
  const storageKey = `gpt-dojo:draft:${key}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = sessionStorage.getItem(storageKey);
      return raw === null ? initial : (JSON.parse(raw) as T);
    } catch {
      return initial; // no storage (private mode): a plain state
    }
  });
  const set = (v: T | ((old: T) => T)) =>
    setValue((old) => {
      const next = typeof v === "function" ? (v as (old: T) => T)(old) : v;
      try {
        sessionStorage.setItem(storageKey, JSON.stringify(next));
      } catch {
        /* storage full or blocked: the draft lives only in the page */
      }
      return next;
    });
  return [value, set];
}

/** "Hint n of N" (one more each press) and "Show solution": the same pair under every exercise, numeric or code. */
export function HelpButtons({ hints, hintsShown, onHint, solution, onSolution }: { hints: number; hintsShown: number; onHint: () => void; solution: boolean; onSolution: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      {hintsShown < hints && (
        <button type="button" onClick={onHint} data-testid="ex-hint">
          {t("exercise.hint", { n: hintsShown + 1, total: hints })}
        </button>
      )}
      {solution && (
        <button type="button" onClick={onSolution} data-testid="ex-solution">
          {t("exercise.showSolution")}
        </button>
      )}
    </>
  );
}
