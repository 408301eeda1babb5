import { useTranslation } from "react-i18next";
import { formatDateTime } from "../i18n/format";
import type { StoredRun } from "./store";
import type { ListedRun } from "./useLab";

interface Props {
  runs: ListedRun[];
  /** Open is refused while this tab trains */
  canOpen: boolean;
  onOpen: (run: StoredRun) => void;
  onDelete: (id: string) => void;
}

/** The runs saved in this browser, newest first, each with Open and Delete. */
export function RunsTable({ runs, canOpen, onOpen, onDelete }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <section className="lab-panel" aria-labelledby="runs-title">
      <h2 id="runs-title">{t("labUi.runs")}</h2>
      {runs.length === 0 ? (
        <p className="muted">{t("labUi.noRuns")}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="runs-table">
            <thead>
              <tr>
                <th>{t("labUi.runCols.when")}</th>
                <th>{t("labUi.runCols.config")}</th>
                <th>{t("labUi.runCols.steps")}</th>
                <th>{t("labUi.runCols.val")}</th>
                <th>{t("labUi.runCols.time")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.createdAt, i18n.language)}</td>
                  <td>{`${r.settings.corpus}, ${r.settings.tokenizer}, ${r.settings.nLayer}×${r.settings.nHead}×${r.settings.nEmbd}, block ${r.settings.blockSize}`}</td>
                  <td>{r.checkpointIter ?? 0}</td>
                  <td>{r.state.evals.val.length ? r.state.evals.val[r.state.evals.val.length - 1].toFixed(3) : "—"}</td>
                  <td>{Math.round(r.trainSeconds)} s</td>
                  <td>
                    {r.openElsewhere && (
                      <span className="muted" title={t("labState.openElsewhereHint")}>
                        {t("labState.openElsewhere")}{" "}
                      </span>
                    )}
                    <button type="button" onClick={() => onOpen(r)} disabled={!canOpen || r.openElsewhere} title={r.openElsewhere ? t("labState.openElsewhereHint") : undefined}>
                      {t("labUi.open")}
                    </button>{" "}
                    <button type="button" onClick={() => onDelete(r.id)} aria-label={t("labUi.delete")}>
                      ✕
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
