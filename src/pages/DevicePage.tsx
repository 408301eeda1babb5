import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { loadRuntime } from "../device/backendStore";
import type { Backend } from "../core/backend";
import type { BackendSource } from "../device/backendChoice";
import { MeasurePanel } from "../device/MeasurePanel";
import { ReadyCheck } from "../pwa/ReadyCheck";

interface Row {
  backend: Backend;
  available: boolean;
  adapter?: string;
  software?: boolean;
  gflops?: number;
  error?: string;
}

interface ProbeResult {
  nonce: number;
  rows?: Row[];
  chosen?: { backend: Backend; source: BackendSource };
  isolated?: boolean;
  threads?: number;
  error?: string;
}

async function runProbe(nonce: number): Promise<ProbeResult> {
  try {
    const runtime = await loadRuntime();
    const { probeAllBackends } = await import("../device/probe");
    const { rows, wasmThreads } = await probeAllBackends(runtime);
    return { nonce, rows, chosen: { backend: runtime.backend, source: runtime.source }, isolated: runtime.facts.crossOriginIsolated, threads: wasmThreads };
  } catch (e) {
    return { nonce, error: (e as Error).message };
  }
}

/** #/device: each backend's availability, adapter, software or not, and a quick matmul speed. */
export function DevicePage() {
  const { t } = useTranslation();
  const [nonce, setNonce] = useState(0); // "Probe again" bumps it
  const [result, setResult] = useState<ProbeResult | null>(null);

  useEffect(() => {
    let live = true;
    void runProbe(nonce).then((r) => live && setResult(r));
    return () => {
      live = false;
    };
  }, [nonce]);

  const probing = !result || result.nonce !== nonce;
  const rows = probing ? null : result.rows;
  const error = probing ? null : result.error;
  const chosen = result?.chosen;
  const info = probing ? null : { isolated: Boolean(result.isolated), threads: result.threads };
  const yesNo = (v: boolean | undefined) => (v === undefined ? t("device.unknown") : v ? t("device.yes") : t("device.no"));
  return (
    <div className="page narrow">
      <h1>{t("device.title")}</h1>
      <p className="lead">{t("device.intro")}</p>
      <ReadyCheck />
      {error && (
        <p className="directive-error" role="alert">
          {error}
        </p>
      )}
      {chosen && (
        <p data-testid="backend-in-use">
          <strong>{t("device.inUse", { backend: chosen.backend })}</strong> —{" "}
          {chosen.source === "url" ? t("device.forced", { backend: chosen.backend }) : chosen.source === "default" ? t("device.chosen") : t(`device.source.${chosen.source}`)}
        </p>
      )}
      {probing && <p aria-live="polite">{t("device.probing")}</p>}
      {rows && (
        <div className="table-scroll">
          <table className="device-table stack-table" data-testid="device-table">
            <thead>
              <tr>
                <th>{t("device.columns.backend")}</th>
                <th>{t("device.columns.available")}</th>
                <th>{t("device.columns.adapter")}</th>
                <th>{t("device.columns.software")}</th>
                <th>{t("device.columns.gflops")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.backend} data-backend={r.backend} data-available={String(r.available)}>
                  <th scope="row">{r.backend}</th>
                  <td data-label={t("device.columns.available")}>{yesNo(r.available)}</td>
                  <td data-label={t("device.columns.adapter")}>{r.adapter ?? r.error ?? ""}</td>
                  <td data-label={t("device.columns.software")}>{r.backend === "wasm" || r.backend === "cpu" ? "—" : yesNo(r.software)}</td>
                  <td data-label={t("device.columns.gflops")}>{r.gflops !== undefined ? r.gflops.toFixed(2) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {info && (
        <ul className="muted">
          <li>{t("device.isolated", { value: info.isolated ? t("device.yes") : t("device.no") })}</li>
          {info.threads !== undefined && <li>{t("device.threads", { count: info.threads })}</li>}
        </ul>
      )}
      <p className="muted">{t("device.forceHint")}</p>
      <button type="button" onClick={() => setNonce((n) => n + 1)} disabled={probing}>
        {t("device.probe")}
      </button>
      <MeasurePanel autoStart={!probing} />
    </div>
  );
}
