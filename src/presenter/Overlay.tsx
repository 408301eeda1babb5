import { useEffect, useRef, type KeyboardEvent, type ReactNode } from "react";

/**
 * A modal dialog of presenter mode (the key map, the hand-out QR): role=dialog, focus moved in on open and given
 * back on close, Tab kept inside, Esc (and `closeKeys`) close it. The window's presenter keys ignore keys pressed
 * inside a dialog, so nothing else happens while one is open.
 */
export function Overlay({ label, onClose, closeKeys = [], className, testId, children }: { label: string; onClose: () => void; closeKeys?: string[]; className: string; testId: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>("button, [href], input, [tabindex]:not([tabindex='-1'])");
    (first ?? box.current)?.focus();
    return () => before?.focus?.({ preventScroll: true });
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape" || (closeKeys.includes(e.key.toLowerCase()) && !e.ctrlKey && !e.metaKey && !e.altKey)) {
      e.preventDefault();
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== "Tab") return; // presenter keys ignore events from inside a dialog (keys.ts: inDialog)
    const focusable = [...(box.current?.querySelectorAll<HTMLElement>("button, [href], input, [tabindex]:not([tabindex='-1'])") ?? [])];
    if (!focusable.length) return e.preventDefault();
    const i = focusable.indexOf(document.activeElement as HTMLElement);
    const next = e.shiftKey ? (i <= 0 ? focusable.length - 1 : i - 1) : i === focusable.length - 1 ? 0 : i + 1;
    e.preventDefault();
    focusable[next].focus();
  };
  return (
    <div className="presenter-overlay-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={box} className={`presenter-overlay ${className}`} role="dialog" aria-modal="true" aria-label={label} tabIndex={-1} onKeyDown={onKeyDown} data-testid={testId}>
        {children}
      </div>
    </div>
  );
}
