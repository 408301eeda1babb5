import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { handoutUrl, readHideLock } from "./handout";
import { HandoutQr } from "./HandoutQr";
import { fieldLabel, fieldValue, markedFields } from "./hideLock";

type Choice = "show" | "lock" | "hide";
interface Field {
  field: string;
  label: string;
  value: string;
}

/**
 * The hand-out dialog of one widget: its marked settings, each shown, locked or hidden; the link with a Copy
 * button; its QR code; a Preview link. A native modal <dialog>: the page behind is inert (so focus stays inside),
 * Esc closes it, and focus returns to the button that opened it.
 */
export function HandoutDialog({ slug, id, widget, onClose }: { slug: string; id: string; widget: HTMLElement; onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  // read once, when the dialog opens: the widget cannot change behind a modal dialog
  const [fields] = useState<Field[]>(() =>
    markedFields(widget)
      .map(([field, els]) => [field, els.filter((el) => !el.closest(".handout-dialog"))] as const)
      .filter(([, els]) => els.length > 0)
      .map(([field, els]) => ({ field, label: fieldLabel(els.find((el) => !el.matches(".dc-slider, [class*=slider]")) ?? els[0]), value: fieldValue(els) })),
  );
  const [hash] = useState(() => location.hash);
  const [choices, setChoices] = useState<Record<string, Choice>>(() => {
    const { hide, lock } = readHideLock(hash, id);
    return Object.fromEntries(fields.map(({ field }) => [field, hide.includes(field) ? "hide" : lock.includes(field) ? "lock" : "show"]));
  });
  const [copied, setCopy] = useState<{ url: string; ok: true } | { url: string; ok: false; message: string } | null>(null);
  const pick = (c: Choice) => fields.filter((f) => choices[f.field] === c).map((f) => f.field);
  const url = handoutUrl(slug, id, { hash, hide: pick("hide"), lock: pick("lock") });
  const linkField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!d.open) d.showModal();
    return () => {
      if (d.open) d.close();
      opener?.focus();
    };
  }, []);
  const copy = copied?.url === url ? copied : null; // "Copied" belongs to the link it copied

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopy({ url, ok: true });
    } catch (e) {
      linkField.current?.select();
      setCopy({ url, ok: false, message: e instanceof Error ? e.message : String(e) });
    }
  };

  // subtle: a modal <dialog> keeps focus out of the page behind, but Tab from its last control goes on to the
  // browser's own UI; wrap it around to the first control (and Shift+Tab from the first to the last) instead.
  const trapTab = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== "Tab") return;
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>("button, a[href], input, select, textarea, [tabindex]:not([tabindex='-1'])")].filter(
      (el) => !el.hasAttribute("disabled") && el.getClientRects().length > 0 && !(el instanceof HTMLInputElement && el.type === "radio" && !el.checked),
    );
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={dialog}
      onKeyDown={trapTab}
      className="handout-dialog"
      aria-labelledby={`${id}-handout-title`}
      data-testid="handout-dialog"
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="handout-dialog-head">
        <h2 id={`${id}-handout-title`}>{t("handout.title")}</h2>
        <button type="button" className="handout-close" onClick={onClose} aria-label={t("handout.close")} data-testid="handout-close">
          ×
        </button>
      </div>
      <p className="handout-intro">{t("handout.intro")}</p>
      <div className="handout-body">
        <div className="handout-settings">
          <h3>{t("handout.settings")}</h3>
          {fields.length === 0 ? (
            <p className="handout-muted">{t("handout.noSettings")}</p>
          ) : (
            <ul className="handout-fields">
              {fields.map(({ field, label, value }) => (
                <li key={field} data-testid={`handout-field-${field}`}>
                  <fieldset>
                    <legend>
                      <span className="handout-field-name">{label}</span> <span className="handout-field-value">{value}</span>
                    </legend>
                    {(["show", "lock", "hide"] as const).map((c) => (
                      <label key={c} className={`handout-choice handout-choice-${c}`}>
                        <input
                          type="radio"
                          name={`${id}-handout-${field}`}
                          value={c}
                          checked={choices[field] === c}
                          onChange={() => setChoices((s) => ({ ...s, [field]: c }))}
                          data-testid={`handout-${c}-${field}`}
                        />{" "}
                        {t(`handout.${c}`)}
                      </label>
                    ))}
                  </fieldset>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="handout-share">
          <label className="handout-link">
            {t("handout.link")}
            <input ref={linkField} type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} data-testid="handout-url" />
          </label>
          <div className="handout-actions">
            <button type="button" className="primary" onClick={() => void copyLink()} data-testid="handout-copy">
              {t("handout.copy")}
            </button>
            <a href={url} target="_blank" rel="noopener" data-testid="handout-preview">
              {t("handout.preview")}
            </a>
            <span role="status" aria-live="polite" className={copy && !copy.ok ? "handout-copy-error" : "handout-copied"} data-testid="handout-copy-status">
              {copy ? (copy.ok ? t("handout.copied") : t("handout.copyFailed", { message: copy.message })) : ""}
            </span>
          </div>
          <HandoutQr url={url} size={220} />
        </div>
      </div>
    </dialog>
  );
}
