import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { applyUpdate, dismissOfflineReady, dismissUpdate, usePwaState } from "./register";

/** How long the "Ready to work offline" toast stays (it also has a Close button). */
export const OFFLINE_TOAST_MS = 8000;

/**
 * "A new version of GPT Dojo is ready. Reload / Later": a bar under the header (it pushes the page down rather
 * than covering the lesson), shown while a new service worker waits. Focus is never moved to it; the buttons are
 * plain buttons in the tab order. Also a short "Ready to work offline" toast the first time the precache completes.
 */
export function UpdatePrompt() {
  const { t } = useTranslation();
  const pwa = usePwaState();
  useEffect(() => {
    if (!pwa.offlineReady) return;
    const timer = setTimeout(dismissOfflineReady, OFFLINE_TOAST_MS);
    return () => clearTimeout(timer);
  }, [pwa.offlineReady]);

  return (
    <>
      {pwa.needRefresh && (
        <div className="pwa-update" role="status" data-testid="pwa-update">
          <span>{t("pwa.update.message")}</span>
          <span className="pwa-update-buttons">
            <button type="button" className="primary" onClick={applyUpdate} data-testid="pwa-reload">
              {t("pwa.update.reload")}
            </button>
            <button type="button" onClick={dismissUpdate} data-testid="pwa-later">
              {t("pwa.update.later")}
            </button>
          </span>
        </div>
      )}
      {pwa.offlineReady && !pwa.needRefresh && (
        <div className="pwa-toast" role="status" data-testid="pwa-offline-ready">
          <span aria-hidden="true">✓</span> <span>{t("pwa.offlineReady.message")}</span>
          <button type="button" className="pwa-toast-close" onClick={dismissOfflineReady} aria-label={t("pwa.offlineReady.close")}>
            ×
          </button>
        </div>
      )}
    </>
  );
}
