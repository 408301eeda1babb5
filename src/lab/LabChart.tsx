import { useState } from "react";
import { useTranslation } from "react-i18next";
import { LinePlot } from "../ui/LinePlot";
import type { RunState } from "./runState";

interface Props {
  run: RunState;
  /** the vocabulary size (the ln V start line); undefined while the own text is still empty */
  vocab?: number;
  /** a published result to compare with (see presets.ts) */
  reference: { label: string; y: number } | null;
}

/** The loss chart: train loss at every step, validation loss at each evaluation, ln(vocab) as the start line. */
export function LabChart({ run, vocab, reference }: Props) {
  const { t } = useTranslation();
  const [log, setLog] = useState(false);
  const evalByIter = new Map(run.evals.iter.map((it, i) => [it, i]));
  const refs = [
    ...(vocab ? [{ label: `ln(vocab) = ${Math.log(vocab).toFixed(2)}`, y: Math.log(vocab), color: "#888" }] : []),
    ...(reference ? [{ ...reference, color: "#2ca02c" }] : []),
  ];
  return (
    <LinePlot
      testId="loss-chart"
      x={run.steps.iter}
      xLabel={t("labUi.chart.step")}
      yLabel={t("labUi.chart.loss")}
      series={[
        { label: t("labUi.chart.train"), color: "#1f77b4", values: run.steps.loss },
        { label: t("labUi.chart.val"), color: "#d62728", values: run.steps.iter.map((it) => (evalByIter.has(it) ? run.evals.val[evalByIter.get(it)!] : null)) },
      ]}
      refs={refs}
      logScale={log}
      onLogScale={setLog}
      logLabel={t("labHelp.logScale")}
    />
  );
}
