import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { useUrlState } from "../../hooks/useUrlState";
import { loadRuntime } from "../../device/backendStore";
import { parseExpr, parseValues, variablesOf, type Expr } from "../../core/autograd/expr";
import { tfGradients } from "../../core/autograd/tfExpr";
import { fmt } from "../graph-stepper/format";
import { presetChoices, resolveSource, type PresetChoice } from "../graph-stepper/presets";
import { SourceFields } from "../graph-stepper/SourceFields";
import { useExprError } from "../graph-stepper/useExprError";
import { centralDifference, engineGradients, errorCurve, relativeError } from "./check";
import { ErrorPlot } from "./ErrorPlot";

interface Parsed {
  e: Expr;
  values: Record<string, number>;
  names: string[];
  ours: { value: number; grads: Record<string, number> };
}
type TfResult = { key: string; backend: string; grads: Record<string, number> } | { key: string; error: string };

/** Our engine's gradient vs tf.grads vs centred finite differences, with h and the float precision as knobs. */
export default function FrameworkCheck({ props }: WidgetProps) {
  const { t } = useTranslation();
  const schema = useMemo(
    () =>
      ({
        preset: { type: "enum", default: String(props.preset), values: presetChoices },
        expr: { type: "string", default: "", maxLength: 200 },
        vals: { type: "string", default: "", maxLength: 300 },
        wrt: { type: "string", default: "", maxLength: 30 },
        logh: { type: "number", default: -3, min: -7, max: -1 },
        prec: { type: "enum", default: "f32", values: ["f32", "f64"] },
      }) as const,
    [props.preset],
  );
  const [s, update, reset] = useUrlState(String(props.id), schema);
  const source = resolveSource(s.preset, s.expr, s.vals);
  const describe = useExprError();

  let parsed: Parsed | null = null, error = "";
  try {
    const e = parseExpr(source.expr), values = parseValues(source.values);
    const names = variablesOf(e);
    parsed = { e, values, names, ours: engineGradients(e, Object.fromEntries(names.filter((n) => n in values).map((n) => [n, values[n]]))) };
  } catch (err) {
    error = describe(err);
  }

  // tf.grads runs on the page's backend; TF.js loads only now, when this widget is on screen.
  const key = parsed ? `${source.expr}|${source.values}` : "";
  const [tfResult, setTfResult] = useState<TfResult | null>(null);
  useEffect(() => {
    if (!key) return;
    let cancelled = false;
    const [expr, vals] = key.split("|");
    const e = parseExpr(expr), values = parseValues(vals);
    loadRuntime()
      .then(async ({ tf, backend }) => ({ key, backend, grads: (await tfGradients(tf, e, variablesOf(e), values)).grads }))
      .catch((err: Error) => ({ key, error: err.message }))
      .then((r) => !cancelled && setTfResult(r));
    return () => {
      cancelled = true;
    };
  }, [key]);
  const tfNow = tfResult?.key === key ? tfResult : null;

  const wrt = parsed && parsed.names.includes(s.wrt) ? s.wrt : (parsed?.names[0] ?? "");
  const h = 10 ** s.logh;
  return (
    <figure className="widget framework-check" data-testid="framework-check" data-id={String(props.id)}>
      <figcaption>{t("frameworkCheck.title")}</figcaption>
      <SourceFields
        preset={s.preset}
        expr={source.expr}
        values={source.values}
        onPreset={(preset: PresetChoice) => update({ wrt: "", preset, ...(preset === "custom" ? { expr: source.expr, vals: source.values } : { expr: "", vals: "" }) })}
        onExpr={(expr) => update({ preset: "custom", expr, vals: source.values })}
        onValues={(vals) => update({ vals, ...(s.preset === "custom" ? { expr: source.expr } : {}) })}
        testId="fc"
      />
      {error && (
        <p className="gs-error" role="alert" data-testid="fc-error">
          {error}
        </p>
      )}
      <div className="fc-knobs">
        <label data-field="logh">
          {t("frameworkCheck.h", { h: `1e${s.logh}` })}
          <input type="range" min={-7} max={-1} step={0.25} value={s.logh} onChange={(e) => update({ logh: Number(e.target.value) })} data-testid="fc-h" aria-valuetext={`h = ${h.toExponential(1)}`} />
        </label>
        <fieldset data-field="prec">
          <legend>{t("frameworkCheck.precision")}</legend>
          {(["f64", "f32"] as const).map((p) => (
            <label key={p}>
              <input type="radio" name={`${String(props.id)}-prec`} checked={s.prec === p} onChange={() => update({ prec: p })} data-testid={`fc-${p}`} /> {t(`frameworkCheck.${p}`)}
            </label>
          ))}
        </fieldset>
        <button onClick={reset}>{t("widget.reset")}</button>
      </div>
      {parsed && (
        <>
          <div className="table-scroll">
            <table className="fc-table" data-testid="fc-table">
              <thead>
                <tr>
                  <th>{t("frameworkCheck.variable")}</th>
                  <th>{t("frameworkCheck.ours")}</th>
                  <th>tf.grad</th>
                  <th>{t("frameworkCheck.fd")}</th>
                  <th>{t("frameworkCheck.errTf")}</th>
                  <th>{t("frameworkCheck.errFd")}</th>
                </tr>
              </thead>
              <tbody>
                {parsed.names.map((n) => {
                  const ours = parsed.ours.grads[n];
                  const theirs = tfNow && "grads" in tfNow ? tfNow.grads[n] : undefined;
                  const fd = centralDifference(parsed.e, parsed.values, n, h, s.prec);
                  return (
                    <tr key={n} className={n === wrt ? "selected" : ""} data-testid={`fc-row-${n}`} data-ours={ours} data-tf={theirs ?? ""} data-fd={fd}>
                      <th scope="row">
                        <button className="linkish" aria-pressed={n === wrt} onClick={() => update({ wrt: n })}>
                          ∂/∂{n}
                        </button>
                      </th>
                      <td>{fmt(ours)}</td>
                      <td>{theirs === undefined ? "…" : fmt(theirs)}</td>
                      <td>{fmt(fd)}</td>
                      <td>{theirs === undefined ? "…" : fmtErr(relativeError(theirs, ours))}</td>
                      <td>{fmtErr(relativeError(fd, ours))}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="muted" data-testid="fc-backend">
            {!tfNow ? t("frameworkCheck.loading") : "error" in tfNow ? t("frameworkCheck.tfError", { message: tfNow.error }) : t("frameworkCheck.backend", { backend: tfNow.backend })}
          </p>
          {wrt && (
            <ErrorPlot
              f64={errorCurve(parsed.e, parsed.values, wrt, parsed.ours.grads[wrt], "f64")}
              f32={errorCurve(parsed.e, parsed.values, wrt, parsed.ours.grads[wrt], "f32")}
              precision={s.prec}
              log10h={s.logh}
              title={t("frameworkCheck.plotTitle", { name: wrt })}
            />
          )}
        </>
      )}
    </figure>
  );
}

/** Relative errors in scientific notation, and an exact match as a plain 0. Example: fmtErr(2.4e-7) → "2.4e-7" */
const fmtErr = (x: number) => (x === 0 ? "0" : x.toExponential(1).replace("e+", "e"));
