import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { listLabModels, loadPretrainedCard, PRETRAINED } from "./demoModel";

/**
 * Chooses the model a widget shows: the pretrained one, or one of the learner's lab runs that has a checkpoint.
 * With no lab runs it still shows the pretrained model's name, so the learner knows what they are looking at.
 */
export function ModelPicker({ value, onChange, testId = "model-picker", field = "model" }: { value: string; onChange: (source: string) => void; testId?: string; field?: string }) {
  const { t } = useTranslation();
  const [labRuns, setLabRuns] = useState<{ id: string; corpus: string; step: number }[]>([]);
  const [val, setVal] = useState<string>("…");
  useEffect(() => {
    let live = true;
    listLabModels().then((runs) => live && setLabRuns(runs));
    loadPretrainedCard().then(
      (card) => live && setVal(card.evaluation.val.toFixed(2)),
      () => {},
    );
    return () => {
      live = false;
    };
  }, []);
  const known = value === PRETRAINED || labRuns.some((r) => r.id === value);
  return (
    <label className="model-picker" data-field={field}>
      {t("demoModel.label")}
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value={PRETRAINED}>{t("demoModel.pretrained", { val })}</option>
        {labRuns.map((r) => (
          <option key={r.id} value={r.id}>
            {t("demoModel.lab", { corpus: r.corpus, step: r.step })}
          </option>
        ))}
        {!known && <option value={value}>{value}</option>}
      </select>
    </label>
  );
}
