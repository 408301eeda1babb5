import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { urlStateParam, useUrlState } from "../../hooks/useUrlState";
import { attentionKind, divisors, DTYPES, dtypeNames, formatBytes, KV_PRESETS, kvCacheBytes, kvConfigError, kvHeadOf, kvPresetNames, type Dtype, type KVConfig, type KVPreset } from "./kv";
import "./kv-heads.css";

const MAX_DRAWN = 64; // more heads than this are counted, not drawn

/** Query heads sharing K/V heads (MHA → GQA → MQA) and the KV-cache memory that sharing saves. */
export default function KVHeads({ props }: WidgetProps) {
  const { t } = useTranslation();
  // the fields' defaults are the preset's: the URL's (presenter mode's 1–9 keys, a hand-out link), else the directive's
  const [start] = useState(() => urlStateParam(String(props.id), "preset") ?? String(props.preset));
  const p = KV_PRESETS[start as KVPreset] ?? KV_PRESETS[props.preset as KVPreset] ?? KV_PRESETS.llama;
  const schema = useMemo(
    () =>
      ({
        preset: { type: "enum", default: String(props.preset), values: [...kvPresetNames, "custom"] },
        layers: { type: "number", default: p.layers, min: 1, max: 1000, integer: true },
        tokens: { type: "number", default: p.tokens, min: 1, max: 10_000_000, integer: true },
        dModel: { type: "number", default: p.dModel, min: 1, max: 100_000, integer: true },
        nHead: { type: "number", default: p.nHead, min: 1, max: 1024, integer: true },
        nKv: { type: "number", default: p.nKv, min: 1, max: 1024, integer: true },
        dtype: { type: "enum", default: p.dtype, values: dtypeNames },
        batch: { type: "number", default: p.batch, min: 1, max: 100_000, integer: true },
      }) as const,
    [props.preset, p],
  );
  const [s, update, reset] = useUrlState(String(props.id), schema);
  const divs = divisors(s.nHead);
  const nKv = divs.includes(s.nKv) ? s.nKv : s.nHead; // a URL with a non-divisor falls back to MHA
  const c: KVConfig = { layers: s.layers, tokens: s.tokens, dModel: s.dModel, nHead: s.nHead, nKv, dtype: s.dtype as Dtype, batch: s.batch };
  const error = kvConfigError(c);
  const bytes = error ? null : kvCacheBytes(c);
  const mha = error ? null : kvCacheBytes({ ...c, nKv: c.nHead });
  const g = c.nHead / nKv;

  const field = (key: "layers" | "tokens" | "dModel" | "nHead" | "batch", label: string) => (
    <label data-field={key}>
      {label}
      <input
        type="number"
        min={1}
        value={s[key]}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (!Number.isInteger(v) || v < 1) return;
          update(key === "nHead" ? { nHead: v, nKv: v, preset: "custom" } : { [key]: v, preset: "custom" });
        }}
        data-testid={`kv-${key}`}
      />
    </label>
  );

  return (
    <figure className="widget kv-heads" data-testid="kv-heads" data-id={String(props.id)}>
      <figcaption>{t("attention.kv.title")}</figcaption>
      <div className="kv-controls">
        <label data-field="preset" className="kv-preset">
          {t("attention.kv.preset")}
          <select
            value={s.preset}
            onChange={(e) => {
              const name = e.target.value as KVPreset | "custom";
              update(name === "custom" ? { preset: name } : { preset: name, ...KV_PRESETS[name] });
            }}
            data-testid="kv-preset"
          >
            {kvPresetNames.map((n) => (
              <option key={n} value={n}>
                {t(`attention.kv.presets.${n}`)}
              </option>
            ))}
            <option value="custom">{t("attention.kv.presets.custom")}</option>
          </select>
        </label>
        {field("layers", t("attention.kv.layers"))}
        {field("tokens", t("attention.kv.tokens"))}
        {field("dModel", t("attention.kv.dModel"))}
        {field("nHead", t("attention.kv.nHead"))}
        <label data-field="dtype">
          {t("attention.kv.dtype")}
          <select value={s.dtype} onChange={(e) => update({ dtype: e.target.value as Dtype, preset: "custom" })} data-testid="kv-dtype">
            {dtypeNames.map((d) => (
              <option key={d} value={d}>
                {d} ({DTYPES[d]} B)
              </option>
            ))}
          </select>
        </label>
        {field("batch", t("attention.kv.batch"))}
        <button onClick={reset} data-testid="kv-reset">
          {t("widget.reset")}
        </button>
      </div>
      <label data-field="nKv" className="kv-slider">
        <span>
          {t("attention.kv.nKv")} <strong data-testid="kv-nkv">{nKv}</strong> · <span data-testid="kv-kind">{attentionKind(c.nHead, nKv)}</span> · {t("attention.kv.group", { g })}
        </span>
        <input
          type="range"
          min={0}
          max={divs.length - 1}
          step={1}
          value={divs.indexOf(nKv)}
          aria-valuetext={t("attention.kv.nKvValue", { n: nKv })}
          onChange={(e) => update({ nKv: divs[Number(e.target.value)] })}
          data-testid="kv-slider"
        />
      </label>
      <HeadMap nHead={c.nHead} nKv={nKv} />
      {error ? (
        <p className="kv-error" role="alert" data-testid="kv-error">
          {error}
        </p>
      ) : (
        <div className="kv-memory">
          <p className="kv-formula" data-testid="kv-formula">
            2 · {c.layers} · {c.tokens.toLocaleString("en")} · {nKv} · {c.dModel / c.nHead} · {DTYPES[c.dtype]} B · {c.batch} ={" "}
            <strong data-testid="kv-bytes" data-bytes={bytes!}>
              {formatBytes(bytes!)}
            </strong>
          </p>
          <div className="kv-bar-row">
            <span>{t("attention.kv.mhaBar")}</span>
            <span className="kv-bar-track">
              <span className="kv-bar kv-bar-mha" style={{ width: "100%" }} />
            </span>
            <span data-testid="kv-mha-bytes">{formatBytes(mha!)}</span>
          </div>
          <div className="kv-bar-row">
            <span>{attentionKind(c.nHead, nKv)}</span>
            <span className="kv-bar-track">
              <span className="kv-bar" style={{ width: `${(100 * bytes!) / mha!}%` }} />
            </span>
            <span>{formatBytes(bytes!)}</span>
          </div>
          <p className="kv-note" data-testid="kv-saving">
            {g === 1 ? t("attention.kv.noSaving") : t("attention.kv.saving", { g, saved: formatBytes(mha! - bytes!) })}
          </p>
        </div>
      )}
    </figure>
  );
}

/** Query heads on top, K/V heads below, a line from each query head to the K/V head it reads; one colour per group. */
function HeadMap({ nHead, nKv }: { nHead: number; nKv: number }) {
  const { t } = useTranslation();
  if (nHead > MAX_DRAWN) return <p className="kv-note">{t("attention.kv.tooMany", { n: nHead, max: MAX_DRAWN })}</p>;
  const W = 640, H = 110, box = Math.min(28, (W - 20) / nHead - 2);
  const xq = (q: number) => 10 + ((q + 0.5) * (W - 20)) / nHead;
  const xk = (k: number) => 10 + ((k + 0.5) * (W - 20)) / nKv;
  const hue = (k: number) => Math.round((360 * k) / nKv);
  return (
    <>
      <p className="kv-map-legend" aria-hidden="true">
        <span>↑ {t("attention.kv.queryHeads", { n: nHead })}</span>
        <span>↓ {t("attention.kv.kvHeads", { n: nKv })}</span>
      </p>
      <svg className="kv-map" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t("attention.kv.mapLabel", { nHead, nKv, g: nHead / nKv })} data-testid="kv-map">
        {Array.from({ length: nHead }, (_, q) => {
          const k = kvHeadOf(q, nHead, nKv);
          return <line key={`l${q}`} x1={xq(q)} y1={8 + box} x2={xk(k)} y2={H - 8 - box} stroke={`hsl(${hue(k)} 65% 50%)`} strokeWidth={1.5} />;
        })}
        {Array.from({ length: nHead }, (_, q) => (
          <rect key={`q${q}`} x={xq(q) - box / 2} y={8} width={box} height={box} rx={3} fill={`hsl(${hue(kvHeadOf(q, nHead, nKv))} 65% 60%)`} data-kv={kvHeadOf(q, nHead, nKv)} className="kv-q" />
        ))}
        {Array.from({ length: nKv }, (_, k) => (
          <rect key={`k${k}`} x={xk(k) - box / 2} y={H - 8 - box} width={box} height={box} rx={3} fill={`hsl(${hue(k)} 65% 40%)`} className="kv-k" />
        ))}
      </svg>
    </>
  );
}
