import { useTranslation } from "react-i18next";

export interface ControlsView {
  /** label of the main button */
  trainLabel: "train" | "pause" | "resumeTraining";
  canTrain: boolean;
  canStep: boolean;
  canBuild: boolean;
  canReset: boolean;
  canDownload: boolean;
}

interface Props {
  view: ControlsView;
  onTrainOrPause: () => void;
  onStep: () => void;
  onBuild: () => void;
  onReset: () => void;
  onDownload: () => void;
  onLoadCheckpoint: (file: File) => void;
  /** why Step once is disabled, said beside it (labHelp key), or null */
  stepWhy?: "stepDisabled" | "stepTraining" | null;
}

/** Train / Pause / Continue, Step once, Build only, Reset, Download and Load .safetensors. */
export function LabControls({ view, onTrainOrPause, onStep, onBuild, onReset, onDownload, onLoadCheckpoint, stepWhy }: Props) {
  const { t } = useTranslation();
  return (
    <div className="button-row controls" role="toolbar" aria-label={t("labUi.controls")}>
      <button type="button" className="primary" onClick={onTrainOrPause} disabled={!view.canTrain} data-testid="train">
        {t(`labUi.${view.trainLabel}`)}
      </button>
      <button type="button" onClick={onStep} disabled={!view.canStep} aria-describedby={stepWhy ? "step-why" : undefined} data-testid="step">
        {t("labUi.step")}
      </button>
      <button type="button" onClick={onBuild} disabled={!view.canBuild} data-testid="build">
        {t("labUi.build")}
      </button>
      <button type="button" onClick={onReset} disabled={!view.canReset} data-testid="reset">
        {t("labUi.reset")}
      </button>
      <button type="button" onClick={onDownload} disabled={!view.canDownload} data-testid="download">
        {t("labUi.download")}
      </button>
      <label className="file-button">
        {t("labUi.uploadCheckpoint")}
        <input
          type="file"
          accept=".safetensors"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = ""; // the same file can be chosen again
            if (f) onLoadCheckpoint(f);
          }}
          data-testid="upload-checkpoint"
        />
      </label>
      {stepWhy && (
        <span className="muted step-why" id="step-why" data-testid="step-why">
          {t(`labHelp.${stepWhy}`)}
        </span>
      )}
    </div>
  );
}
