import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Backend } from "../core/backend";
import type { BackendTiming } from "./backendChoice";
import { formatDateTime } from "../i18n/format";
import { MEASURE_ORDER, measureBackends, refreshRecord, setOverride, useMeasureState } from "./backendMeasure";

/**
 * #/device: the training-step measurement (ms per step on each backend, the pick, when), "Measure again"
 * with progress, and the learner's override. Measures by itself once `autoStart` turns true (after the
 * page's matmul probe, so the two don't share the CPU) when nothing is cached for this device.
 */
export function MeasurePanel({ autoStart }: { autoStart: boolean }) {
  const { t, i18n } = useTranslation();
  const m = useMeasureState();
  const tried = useRef(false);
  useEffect(() => {
    if (!autoStart || tried.current) return;
    tried.current = true;
    void refreshRecord().then((record) => {
      if (!record) measureBackends().catch(() => undefined); // the store carries the error
    });
  }, [autoStart]);

  const record = m.record;
  const byBackend = new Map<Backend, BackendTiming>((m.running ? m.partial : (record?.results ?? [])).map((r) => [r.backend, r]));
  const showTable = m.running || Boolean(record);
  const measured = record?.choice ?? null;
  const resultCell = (b: Backend, r: BackendTiming | undefined) => {
    if (!r) return m.running ? (m.current === b ? t("device.measure.now") : t("device.measure.waiting")) : "—";
    if (r.status === "failed") return t("device.measure.failed", { error: r.error ?? "?" });
    if (r.status === "slow") return t("device.measure.slow", { error: r.error ?? "?" });
    if (m.running) return "";
    if (b === measured) return <span className="badge done" style={{ whiteSpace: "nowrap" }}>{t("device.measure.picked")}</span>;
    const best = record?.results.find((x) => x.backend === measured)?.msPerStep;
    if (!best || !r.msPerStep || !measured) return "";
    return r.msPerStep < best * 1.1 ? t("device.measure.tie", { backend: measured }) : t("device.measure.slower", { factor: (r.msPerStep / best).toFixed(1) });
  };

  return (
    <section aria-labelledby="measure-title" data-testid="measure-panel">
      <h2 id="measure-title">{t("device.measure.title")}</h2>
      <p className="muted">{t("device.measure.intro")}</p>
      {m.error && !m.running && (
        <p className="directive-error" role="alert">
          {t("device.measure.error", { message: m.error })}
        </p>
      )}
      {!showTable && !m.error && <p>{record === undefined ? t("device.measure.runningShort") : t("device.measure.none")}</p>}
      {record && !m.running && <p data-testid="measure-date">{t("device.measure.measuredAt", { date: formatDateTime(new Date(record.date), i18n.language) })}</p>}
      {showTable && (
        <div className="table-scroll">
          <table className="device-table stack-table" data-testid="measure-table">
            <thead>
              <tr>
                <th>{t("device.columns.backend")}</th>
                <th>{t("device.measure.columns.ms")}</th>
                <th>{t("device.measure.columns.first")}</th>
                <th>{t("device.measure.columns.result")}</th>
              </tr>
            </thead>
            <tbody>
              {MEASURE_ORDER.map((b) => {
                const r = byBackend.get(b);
                return (
                  <tr key={b} data-backend={b} data-status={r?.status ?? "pending"} data-ms={r?.msPerStep?.toFixed(2)} data-chosen={String(!m.running && b === measured)}>
                    <th scope="row">
                      {b}
                      {r?.software && <span className="muted"> ({t("device.measure.software")})</span>}
                    </th>
                    <td data-label={t("device.measure.columns.ms")}>{r?.msPerStep !== undefined ? r.msPerStep.toFixed(1) : "—"}</td>
                    <td data-label={t("device.measure.columns.first")}>{r?.firstStepMs !== undefined ? Math.round(r.firstStepMs).toLocaleString(i18n.language) : "—"}</td>
                    <td data-label={t("device.measure.columns.result")}>{resultCell(b, r)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div className="button-row">
        <button type="button" onClick={() => void measureBackends().catch(() => undefined)} disabled={m.running} data-testid="measure-again">
          {record ? t("device.measure.again") : t("device.measure.start")}
        </button>
        {m.running && (
          <span role="status" data-testid="measure-progress">
            {m.current ? t("device.measure.running", { backend: m.current, done: m.done + 1, total: m.total }) : t("device.measure.runningShort")}{" "}
            <progress value={m.done} max={m.total} />
          </span>
        )}
      </div>

      <div className="card">
        <label>
          {t("device.override.label")}{" "}
          <select value={m.override ?? ""} onChange={(e) => setOverride((e.target.value || null) as Backend | null)} data-testid="backend-override" style={{ maxWidth: "100%" }}>
            <option value="">{measured ? t("device.override.measured", { backend: measured }) : t("device.override.measuredNone")}</option>
            {MEASURE_ORDER.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
        {m.override ? (
          <p data-testid="override-state">
            <strong>{t("device.override.active", { backend: m.override })}</strong>{" "}
            <button type="button" onClick={() => setOverride(null)} data-testid="override-reset">
              {t("device.override.reset")}
            </button>
          </p>
        ) : (
          <p data-testid="override-state">{measured ? t("device.override.usingMeasured", { backend: measured }) : t("device.override.usingDefault")}</p>
        )}
        <p className="muted">{t("device.override.applies")}</p>
      </div>
    </section>
  );
}
