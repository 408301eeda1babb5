import { useTranslation } from "react-i18next";
import type { StoredRun } from "./store";
import type { LabState } from "./machine";
import { errorText, messageText } from "./messageText";

interface Props {
  lab: LabState;
  resumable: StoredRun | null;
  onResume: (run: StoredRun) => void;
  onStartFresh: () => void;
  onDismissFault: () => void;
}

/** The lab's messages: the offer to resume, input and training errors, and what a fault did. */
export function LabNotices({ lab, resumable, onResume, onStartFresh, onDismissFault }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {resumable && (
        <div className="notice resume" role="status" data-testid="resume-offer">
          {t("labUi.resumeOffer", { iter: resumable.checkpointIter ?? 0 })}{" "}
          <button type="button" onClick={() => onResume(resumable)} data-testid="resume">
            {t("labUi.resume")}
          </button>{" "}
          <button type="button" onClick={onStartFresh}>
            {t("labUi.startFresh")}
          </button>
        </div>
      )}
      {lab.notice && (
        <p className="notice" role="status" data-testid="url-notice">
          {messageText(t, lab.notice)}
        </p>
      )}
      {lab.inputError && (
        <p className="directive-error" role="alert" data-testid="lab-error">
          {messageText(t, lab.inputError)}
        </p>
      )}
      {lab.faultNote && (
        <p className="notice" role="status" data-testid="fault-note">
          {messageText(t, lab.faultNote)}{" "}
          <button type="button" onClick={onDismissFault}>
            {t("labUi.dismiss")}
          </button>
        </p>
      )}
      {lab.run.error && (
        <p className="directive-error" role="alert" data-testid="train-error">
          {errorText(lab.run.error, t)}
        </p>
      )}
    </>
  );
}
