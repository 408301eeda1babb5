import { useTranslation } from "react-i18next";

/** #/lab: the capstone. The engine is in src/core; this page grows the controls around it. */
export function LabPage() {
  const { t } = useTranslation();
  const items = t("lab.items", { returnObjects: true }) as string[];
  return (
    <div className="page narrow">
      <h1>{t("lab.title")}</h1>
      <p className="lead">{t("lab.intro")}</p>
      <h2>{t("lab.plan")}</h2>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <p className="notice">{t("lab.status")}</p>
    </div>
  );
}
