import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { localOnlyHost } from "./handout";

/**
 * A QR code of `url`, drawn by the `qrcode` package as an inline SVG: dark modules on white in both themes (phone
 * scanners need the contrast, and a dark-theme inversion confuses some), error correction M, a 2-module quiet zone.
 * qrcode (~30 KiB) loads on first use, so lesson pages that never show a code do not pay for it.
 */
export function HandoutQr({ url, size }: { url: string; size: number }) {
  const { t } = useTranslation();
  const [svg, setSvg] = useState<{ url: string; markup: string } | { url: string; error: string } | null>(null);
  useEffect(() => {
    let live = true;
    import("qrcode")
      .then((QRCode) => QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000ff", light: "#ffffffff" } }))
      .then(
        (markup) => live && setSvg({ url, markup }),
        (e: unknown) => live && setSvg({ url, error: e instanceof Error ? e.message : String(e) }),
      );
    return () => {
      live = false;
    };
  }, [url]);
  const current = svg && svg.url === url ? svg : null;
  if (current && "error" in current)
    return (
      <p className="handout-qr-error" role="alert">
        {t("handout.qrFailed", { length: url.length, message: current.error })}
      </p>
    );
  const local = localOnlyHost(url);
  return (
    <>
    <div
      className="handout-qr"
      role="img"
      aria-label={t("handout.qrLabel")}
      data-testid="handout-qr"
      style={{ width: size, height: size }}
      // the markup is qrcode's own SVG (paths only), never text from the page
      dangerouslySetInnerHTML={current ? { __html: current.markup } : undefined}
    />
    {local && (
      <p className="handout-local" role="note" data-testid="handout-local">
        {t("handout.localOnly", { host: local })}
      </p>
    )}
    </>
  );
}
