import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { measureBackends, needsMeasurement, useMeasureState } from "./backendMeasure";

/**
 * The lab's line about the backend measurement: on first use (nothing cached for this device, no override,
 * no ?backend=) it starts measuring in a worker and shows the progress; the page stays usable meanwhile.
 */
export function MeasureStatus() {
  const { t } = useTranslation();
  const m = useMeasureState();
  const [startedHere, setStartedHere] = useState(false); // this lab started the measurement: report its result
  useEffect(() => {
    let live = true;
    void needsMeasurement().then((needed) => {
      if (!live || !needed) return;
      setStartedHere(true);
      measureBackends().catch(() => undefined); // the store carries the error; the lab then trains on its default order
    });
    return () => {
      live = false;
    };
  }, []);

  if (m.running)
    return (
      <p className="muted" role="status" data-testid="measure-status">
        {m.current ? t("device.measure.running", { backend: m.current, done: m.done + 1, total: m.total }) : t("device.measure.runningShort")}{" "}
        <progress value={m.done} max={m.total} />
      </p>
    );
  if (m.error && startedHere) return <p className="muted" data-testid="measure-status">{t("device.measure.error", { message: m.error })}</p>;
  const pick = m.record?.results.find((r) => r.backend === m.record?.choice);
  if (startedHere && pick)
    return (
      <p className="muted" data-testid="measure-status">
        {t("device.measure.labResult", { backend: pick.backend, ms: pick.msPerStep?.toFixed(1) ?? "?" })} <a href="#/device">{t("device.measure.details")}</a>
      </p>
    );
  return null;
}
