import { useTranslation } from "react-i18next";

export function NotFound({ path, message, hint }: { path: string; message?: string; hint?: string }) {
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <h1>{t("notFound.title")}</h1>
      <p role="alert">{message ?? t("notFound.text", { path })}</p>
      {hint && <p>{hint}</p>}
      <p>
        <a href="#/">{t("notFound.home")}</a>
      </p>
    </div>
  );
}
