import { useTranslation } from "react-i18next";
import type { RunState } from "./runState";

/** The newest samples the model wrote while training (three at most). */
export function LabSamples({ samples }: { samples: RunState["samples"] }) {
  const { t } = useTranslation();
  if (samples.length === 0) return null;
  return (
    <div className="samples">
      <h3>{t("labUi.samples")}</h3>
      {samples.slice(0, 3).map((x) => (
        <figure key={x.iter}>
          <figcaption>{t("labUi.sampleAt", { iter: x.iter })}</figcaption>
          <pre data-testid="sample">{x.text}</pre>
        </figure>
      ))}
    </div>
  );
}
