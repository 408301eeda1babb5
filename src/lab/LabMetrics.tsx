import { useTranslation } from "react-i18next";
import type { RunState } from "./runState";

interface Props {
  run: RunState;
  maxIters: number;
  /** median ms per recent step, ETA in seconds */
  ms?: number;
  eta?: number;
  /** the worker runs on the main thread (no Web Workers here) */
  mainThread: boolean;
  /** the step of the newest stored checkpoint */
  saved: number | null;
}

/** The live numbers: step, losses, learning rate, speed, backend, parameters, last save. */
export function LabMetrics({ run, maxIters, ms, eta, mainThread, saved }: Props) {
  const { t } = useTranslation();
  const last = (xs: number[]) => (xs.length ? xs[xs.length - 1] : undefined);
  const lastLoss = last(run.steps.loss);
  const lastVal = last(run.evals.val);
  const lr = last(run.steps.lr), gradNorm = last(run.steps.gradNorm), tps = last(run.steps.tokensPerSec);
  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="lab-status">
        {t("labUi.announce", { status: t(`labUi.status.${run.status}`), step: run.iter, loss: lastLoss?.toFixed(3) ?? "—" })}
      </p>
      <dl className="stats" data-testid="stats">
        <div><dt>{t("labUi.stat.step")}</dt><dd data-testid="stat-step">{run.iter} / {maxIters}</dd></div>
        <div><dt>{t("labUi.stat.loss")}</dt><dd data-testid="stat-loss">{lastLoss?.toFixed(3) ?? "—"}</dd></div>
        <div><dt>{t("labUi.stat.val")}</dt><dd data-testid="stat-val">{lastVal?.toFixed(3) ?? "—"}</dd></div>
        <div><dt>{t("labUi.stat.lr")}</dt><dd>{lr?.toExponential(2) ?? "—"}</dd></div>
        <div><dt>{t("labUi.stat.gradNorm")}</dt><dd>{gradNorm?.toFixed(3) ?? "—"}</dd></div>
        <div><dt>{t("labUi.stat.ms")}</dt><dd>{ms?.toFixed(0) ?? "—"}</dd></div>
        <div><dt>{t("labUi.stat.tps")}</dt><dd>{tps !== undefined ? Math.round(tps).toLocaleString() : "—"}</dd></div>
        <div><dt>{t("labUi.stat.eta")}</dt><dd>{eta !== undefined && run.status === "training" ? `${Math.ceil(eta)} s` : "—"}</dd></div>
        <div><dt>{t("labUi.stat.backend")}</dt><dd data-testid="stat-backend">{run.backend ? `${run.backend}${mainThread ? ` (${t("labUi.mainThread")})` : ""}` : "—"}</dd></div>
        <div><dt>{t("labUi.stat.params")}</dt><dd>{run.numParams?.toLocaleString() ?? "—"}</dd></div>
        {saved !== null && <div><dt>{t("labUi.stat.saved")}</dt><dd data-testid="stat-saved">{saved}</dd></div>}
      </dl>
    </>
  );
}
