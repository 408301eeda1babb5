import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { forcedBackend } from "../device/forcedBackend";
import { useMeasureState } from "../device/backendMeasure";
import { estimateRun, probeMsFor } from "../lab/presets";
import { formatDateTime } from "../i18n/format";
import { askPrecacheReport, currentRegistration, usePwaState } from "./register";
import { formatBytes, offlineVerdict, type OfflineVerdict } from "./precacheStatus";
import { backendLine, offlineLine, stepLine, type Line, type Status } from "./readiness";
import { labDefaults, TIMED_STEPS, timeLabSteps, useStepTimer } from "./labStepTimer";

/** Moby-Dick's character vocabulary (the lab's default corpus and tokenizer), for the estimate before timing. */
const MOBY_DICK_CHARS = 83;

/** The service worker's verdict now: registration, control of this page, and the precache report. */
async function checkOffline(pwaError: string | undefined): Promise<OfflineVerdict> {
  const supported = typeof navigator !== "undefined" && "serviceWorker" in navigator;
  if (!supported) return offlineVerdict({ supported, active: false, controlling: false });
  const reg = await currentRegistration();
  const active = Boolean(reg?.active);
  const controlling = Boolean(navigator.serviceWorker.controller);
  let report = null;
  let error = pwaError;
  if (active && controlling) {
    try {
      report = await askPrecacheReport();
    } catch (e) {
      error = (e as Error).message;
    }
  }
  return offlineVerdict({ supported, error, active, controlling, report });
}

interface StorageInfo {
  supported: boolean;
  persisted?: boolean;
  usage?: number;
  quota?: number;
  denied?: boolean;
}

async function readStorage(): Promise<StorageInfo> {
  const s = typeof navigator !== "undefined" ? navigator.storage : undefined;
  if (!s?.persisted) return { supported: false };
  const [persisted, est] = await Promise.all([s.persisted(), s.estimate?.().catch(() => undefined)]);
  return { supported: true, persisted, usage: est?.usage, quota: est?.quota };
}

function Item({ status, label, testid, children, actions }: { status: Status; label: string; testid: string; children: React.ReactNode; actions?: React.ReactNode }) {
  const { t } = useTranslation();
  const mark = { ok: "✓", bad: "✗", pending: "…", info: "•" }[status];
  const word = { ok: t("pwa.ready.ok"), bad: t("pwa.ready.notOk"), pending: t("pwa.ready.checking"), info: t("pwa.ready.note") }[status];
  return (
    <li className={`ready-item ready-${status}`} data-testid={testid} data-status={status}>
      <span className="ready-mark" role="img" aria-label={word}>
        {mark}
      </span>
      <div>
        <strong>{label}</strong> {children}
        {actions && <div className="ready-actions">{actions}</div>}
      </div>
    </li>
  );
}

/**
 * #/device's "Ready for class?" panel: the backend the lab will use, how long one lab step takes here, whether the
 * course works offline (service worker, every precached file), whether storage is persistent, and isolation.
 */
export function ReadyCheck() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const m = useMeasureState();
  const timer = useStepTimer();
  const pwa = usePwaState();
  const [verdict, setVerdict] = useState<OfflineVerdict | null>(null);
  const [storage, setStorage] = useState<StorageInfo | null>(null);
  const [checkNonce, setCheckNonce] = useState(0);

  // the offline check: now, on a change of controller, and every 2 s while the files are still downloading
  useEffect(() => {
    if (import.meta.env.DEV) return;
    let live = true;
    let timerId: ReturnType<typeof setTimeout> | undefined;
    const run = () =>
      void checkOffline(pwa.error).then((v) => {
        if (!live) return;
        setVerdict(v);
        if (v.kind === "installing" || v.kind === "incomplete") timerId = setTimeout(run, 2000);
      });
    run();
    const sw = navigator.serviceWorker;
    const onChange = () => {
      clearTimeout(timerId);
      run();
    };
    sw?.addEventListener("controllerchange", onChange);
    return () => {
      live = false;
      clearTimeout(timerId);
      sw?.removeEventListener("controllerchange", onChange);
    };
  }, [pwa.error, pwa.registration, checkNonce]);

  useEffect(() => {
    let live = true;
    void readStorage().then((s) => live && setStorage((old) => ({ ...s, denied: old?.denied })));
    return () => {
      live = false;
    };
  }, [checkNonce, verdict?.kind]); // read again once the offline copy is complete (its size counts)

  const askPersist = useCallback(async () => {
    const granted = await navigator.storage.persist().catch(() => false);
    const now = await readStorage();
    setStorage({ ...now, denied: !granted });
  }, []);

  const defaults = labDefaults();
  const measuredChoice = m.record?.choice ?? null;
  const backend = backendLine({ url: forcedBackend(), override: m.override, measured: measuredChoice, running: m.running, error: m.error });
  const choice = forcedBackend() ?? m.override ?? measuredChoice;
  const probeMs = probeMsFor(m.record, choice);
  const estimate = probeMs !== undefined ? estimateRun(defaults, MOBY_DICK_CHARS, { probeMs }) : null;
  const step = stepLine({ shape: defaults, measured: timer.running ? null : timer.result, estimateMs: estimate?.msPerStep, running: timer.running, locale: lang });
  const offline = offlineLine(verdict, { dev: import.meta.env.DEV, locale: lang });
  const isolated = typeof crossOriginIsolated !== "undefined" && crossOriginIsolated;

  const say = (line: Line) =>
    t(`pwa.ready.${line.key}`, { ...line.values, duration: line.duration ? t(`pwa.ready.step.duration.${line.duration.unit}`, { n: line.duration.n.toLocaleString(lang) }) : "" });

  const storageStatus: Status = !storage ? "pending" : storage.persisted ? "ok" : "bad";
  return (
    <section className="ready-check card" aria-labelledby="ready-title" data-testid="ready-check">
      <h2 id="ready-title">{t("pwa.ready.title")}</h2>
      <p className="muted">{t("pwa.ready.intro")}</p>
      <ul className="ready-list">
        <Item status={backend.status} label={t("pwa.ready.backend.label")} testid="ready-backend">
          {say(backend)}
        </Item>
        <Item
          status={timer.running ? "pending" : step.status}
          label={t("pwa.ready.step.label")}
          testid="ready-step"
          actions={
            !timer.running && (
              <button type="button" onClick={() => void timeLabSteps().catch(() => undefined)} data-testid="ready-time-steps">
                {timer.result ? t("pwa.ready.step.again") : t("pwa.ready.step.time")}
              </button>
            )
          }
        >
          {timer.running ? (
            <span role="status" data-testid="ready-step-progress">
              {timer.phase === "stepping" ? t("pwa.ready.step.running", { done: Math.min(timer.done + 1, timer.total), total: timer.total }) : t("pwa.ready.step.preparing")}{" "}
              <progress value={timer.done} max={TIMED_STEPS + 1} />
            </span>
          ) : (
            <>
              <span data-testid="ready-step-text" data-ms={timer.result?.msPerStep.toFixed(2)} data-backend={timer.result?.backend}>
                {say(step)}
              </span>
              {timer.result && <span className="muted"> ({formatDateTime(new Date(timer.result.date), lang)})</span>}
              {timer.error && (
                <span className="directive-error" role="alert">
                  {" "}
                  {t("pwa.ready.step.failed", { error: timer.error })}
                </span>
              )}
            </>
          )}
        </Item>
        <Item
          status={offline.status}
          label={t("pwa.ready.offline.label")}
          testid="ready-offline"
          actions={
            offline.status !== "ok" &&
            !import.meta.env.DEV && (
              <button type="button" onClick={() => setCheckNonce((n) => n + 1)}>
                {t("pwa.ready.offline.check")}
              </button>
            )
          }
        >
          <span data-testid="ready-offline-text">{say(offline)}</span>
        </Item>
        <Item
          status={storageStatus}
          label={t("pwa.ready.storage.label")}
          testid="ready-storage"
          actions={
            storage?.supported &&
            !storage.persisted && (
              <button type="button" onClick={() => void askPersist()} data-testid="ready-persist">
                {t("pwa.ready.storage.ask")}
              </button>
            )
          }
        >
          {storage && (
            <>
              {!storage.supported ? t("pwa.ready.storage.unsupported") : storage.persisted ? t("pwa.ready.storage.persistent") : storage.denied ? t("pwa.ready.storage.denied") : t("pwa.ready.storage.notPersistent")}
              {storage.usage !== undefined && storage.quota !== undefined && (
                <span className="muted"> {t("pwa.ready.storage.usage", { used: formatBytes(storage.usage, lang), quota: formatBytes(storage.quota, lang) })}</span>
              )}
            </>
          )}
        </Item>
        <Item status={isolated ? "ok" : "info"} label={t("pwa.ready.isolation.label")} testid="ready-isolation">
          {isolated ? t("pwa.ready.isolation.yes") : t("pwa.ready.isolation.no")}
        </Item>
      </ul>
    </section>
  );
}
