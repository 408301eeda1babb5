import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { formatShape } from "../../course/exercises/answers";
import { loadRuntime } from "../../device/backendStore";
import { useUrlState } from "../../hooks/useUrlState";
import { labOps, predict, readArgs, runInTfjs } from "./ops";
import { dtypeBytes, dtypes, formatBytes, tensorBytes, type AxisRow, type Dtype } from "./shapes";

type TfRun = { key: string; backend?: string; out: ReturnType<typeof runInTfjs> };

/** Two shapes and an op: the right-aligned table, the result shape and bytes, and what TF.js itself says. */
export default function ShapeLab({ props }: WidgetProps) {
  const { t } = useTranslation();
  const schema = useMemo(
    () =>
      ({
        a: { type: "string", default: String(props.a), maxLength: 60 },
        b: { type: "string", default: String(props.b), maxLength: 60 },
        op: { type: "enum", default: String(props.op), values: labOps },
        keepdim: { type: "boolean", default: false },
        conv: { type: "enum", default: "torch", values: ["torch", "tfjs"] },
        dtype: { type: "enum", default: "float32", values: dtypes },
      }) as const,
    [props.a, props.b, props.op],
  );
  const [s, update, reset] = useUrlState(String(props.id), schema);
  const args = readArgs(s.op, s.a, s.b);
  const outcome = args.ok ? predict(args, s.keepdim, s.conv) : null;
  const key = args.ok ? JSON.stringify([args, s.keepdim, s.conv]) : "";

  // TF.js loads only once the widget is on screen, then runs the op on zero tensors for its verdict.
  const root = useRef<HTMLElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const el = root.current;
    if (!el || typeof IntersectionObserver === "undefined") return setVisible(true);
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setVisible(true), { rootMargin: "200px" });
    io.observe(el);
    return () => io.disconnect();
  }, []);
  const [tfRun, setTfRun] = useState<TfRun | null>(null);
  useEffect(() => {
    if (!visible || !key) return;
    let cancelled = false;
    const [a, keepdim, conv] = JSON.parse(key);
    loadRuntime()
      .then(({ tf, backend }) => ({ key, backend, out: runInTfjs(tf, a, keepdim, conv) }))
      .catch((e: Error) => ({ key, out: { error: e.message } }))
      .then((r) => !cancelled && setTfRun(r));
    return () => {
      cancelled = true;
    };
  }, [visible, key]);
  const tfNow = tfRun?.key === key ? tfRun : null;

  const bLabel = t(`shapeLab.arg.${s.op}`);
  const result = outcome?.result;
  return (
    <figure className="widget shape-lab" data-testid="shape-lab" data-id={String(props.id)} ref={root}>
      <figcaption>{t("shapeLab.title")}</figcaption>
      <div className="sl-inputs">
        <label data-field="a">
          {t("shapeLab.a")}
          <input value={s.a} onChange={(e) => update({ a: e.target.value })} spellCheck={false} aria-invalid={!args.ok && args.field === "a"} data-testid="sl-a" />
        </label>
        <label data-field="op">
          {t("shapeLab.op")}
          <select className="sl-op" value={s.op} onChange={(e) => update({ op: e.target.value as typeof s.op })} data-testid="sl-op">
            {labOps.map((op) => (
              <option key={op} value={op}>
                {t(`shapeLab.ops.${op}`)}
              </option>
            ))}
          </select>
        </label>
        <label data-field="b">
          {bLabel}
          <input value={s.b} onChange={(e) => update({ b: e.target.value })} spellCheck={false} aria-invalid={!args.ok && args.field === "b"} data-testid="sl-b" />
        </label>
        {s.op === "sum" && (
          <label data-field="keepdim" className="sl-check">
            <input type="checkbox" checked={s.keepdim} onChange={(e) => update({ keepdim: e.target.checked })} data-testid="sl-keepdim" /> keepdim
          </label>
        )}
        {s.op === "linear" && (
          <fieldset data-field="conv" className="sl-conv">
            <legend>{t("shapeLab.convention")}</legend>
            {(["torch", "tfjs"] as const).map((c) => (
              <label key={c}>
                <input type="radio" name={`${String(props.id)}-conv`} checked={s.conv === c} onChange={() => update({ conv: c })} data-testid={`sl-conv-${c}`} /> {t(`shapeLab.conv.${c}`)}
              </label>
            ))}
          </fieldset>
        )}
        <label data-field="dtype">
          dtype
          <select value={s.dtype} onChange={(e) => update({ dtype: e.target.value as Dtype })} data-testid="sl-dtype">
            {dtypes.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        </label>
        <button onClick={reset} data-testid="sl-reset">
          {t("widget.reset")}
        </button>
      </div>

      {!args.ok && <p className="sl-error" role="alert">{t(`shapeLab.unreadable.${args.field}`, { label: args.field === "a" ? t("shapeLab.a") : bLabel })}</p>}
      {outcome?.table && outcome.table.length > 0 && args.ok && <AxisTable rows={outcome.table} batchOnly={s.op === "matmul"} />}
      {result && (
        <p className={`sl-result ${result.ok ? "ok" : "no"}`} data-testid="sl-result" aria-live="polite">
          {result.ok ? (
            <>
              {t("shapeLab.result")} <code>{formatShape(result.dims)}</code> · {formatBytes(tensorBytes(result.dims, s.dtype))}
            </>
          ) : (
            <>✗ {result.error}</>
          )}
        </p>
      )}
      {outcome?.weight && outcome.params !== undefined && (
        <p data-testid="sl-weight">
          {t(`shapeLab.weight.${s.conv}`, { shape: formatShape(outcome.weight) })} · {t("shapeLab.params", { n: outcome.params.toLocaleString("en-US") })} ·{" "}
          {formatBytes(outcome.params * dtypeBytes[s.dtype])}
        </p>
      )}
      {args.ok && (
        <p className="sl-tf muted" data-testid="sl-tf">
          {!visible || !tfNow
            ? t("shapeLab.tfLoading")
            : "dims" in tfNow.out
              ? t("shapeLab.tfShape", { shape: formatShape(tfNow.out.dims), backend: tfNow.backend ?? "?" })
              : "skipped" in tfNow.out
                ? t("shapeLab.tfSkipped", { n: tfNow.out.skipped.toLocaleString("en-US") })
                : null}
          {tfNow && "error" in tfNow.out && (
            <>
              {t("shapeLab.tfError")} <code className="sl-tf-error" data-testid="sl-tf-error">{tfNow.out.error}</code>
            </>
          )}
        </p>
      )}
    </figure>
  );
}

/** Right-aligned axes, one column each: the two sizes and what broadcasting does with them. */
function AxisTable({ rows, batchOnly }: { rows: AxisRow[]; batchOnly: boolean }) {
  const { t } = useTranslation();
  const mark = (r: AxisRow) => (r.status === "equal" ? "✓" : r.status === "clash" ? "✗" : `${t("shapeLab.stretch")} ${r.status === "stretchA" ? "a" : "b"}`);
  return (
    <div className="table-scroll">
      <table className="sl-table" data-testid="sl-table">
        <caption>{t(batchOnly ? "shapeLab.tableBatch" : "shapeLab.table")}</caption>
        <thead>
          <tr>
            <th scope="row">{t("shapeLab.axis")}</th>
            {rows.map((_, i) => (
              <th key={i}>{i - rows.length}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(["a", "b"] as const).map((k) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              {rows.map((r, i) => (
                <td key={i} className={r[k] === undefined ? "sl-missing" : ""}>
                  {r[k] ?? "·"}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">{t("shapeLab.verdict")}</th>
            {rows.map((r, i) => (
              <td key={i} className={`sl-${r.status}`}>
                {mark(r)}
                {r.out !== undefined && r.status !== "equal" && ` → ${r.out}`}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
