import type { DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { labSchema, modelFields, trainFields, type LabSettings, type SettingName } from "./settings";
import { presetValues } from "./presets";
import { formatBytes } from "./modelSize";
import type { OwnText } from "./useLab";

interface Props {
  s: LabSettings;
  update: (patch: Partial<LabSettings>) => void;
  hidden: Set<string>;
  problems: Partial<Record<SettingName, string>>;
  /** a model is built: data, tokenizer and model fields are locked (training fields stay editable) */
  built: boolean;
  own: OwnText | null;
  /** reading a file: 0..1, or null */
  reading: number | null;
  onOwnText: (text: string, name: string) => void;
  onReadFile: (file: File) => void;
  sizes: { params: number; bytes: number; vocab: number };
  /** measured ms per step, when there is one */
  ms?: number;
}

/** The settings form: data (built-in corpus or the learner's text), tokenizer, preset, model and training fields. */
export function LabSettingsPanel({ s, update, hidden, problems, built, own, reading, onOwnText, onReadFile, sizes, ms }: Props) {
  const { t } = useTranslation();
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const f = e.dataTransfer.files[0];
    if (f) onReadFile(f);
  };
  const field = (name: SettingName) => {
    if (hidden.has(name)) return null;
    const spec = labSchema[name];
    const value = s[name];
    return (
      <label key={name} className={`field${problems[name] ? " invalid" : ""}`}>
        <span>{name}</span>
        {spec.type === "boolean" ? (
          <input type="checkbox" checked={Boolean(value)} onChange={(e) => update({ [name]: e.target.checked, preset: "custom" } as Partial<LabSettings>)} disabled={built} />
        ) : (
          <input
            type="number"
            value={Number(value)}
            min={"min" in spec ? spec.min : undefined}
            max={"max" in spec ? spec.max : undefined}
            step={"integer" in spec && spec.integer ? 1 : "any"}
            disabled={built && (modelFields as readonly string[]).includes(name)}
            onChange={(e) => e.target.value !== "" && Number.isFinite(Number(e.target.value)) && update({ [name]: Number(e.target.value), preset: "custom" } as Partial<LabSettings>)}
            aria-invalid={Boolean(problems[name])}
            aria-describedby={problems[name] ? `${name}-problem` : undefined}
            data-testid={`field-${name}`}
          />
        )}
        {problems[name] && (
          <small id={`${name}-problem`} className="problem" role="alert">
            {problems[name]}
          </small>
        )}
      </label>
    );
  };

  return (
    <div className="lab-grid">
      <section className="lab-panel" aria-labelledby="data-title">
        <h2 id="data-title">{t("labUi.data")}</h2>
        {!hidden.has("corpus") && (
          <fieldset disabled={built}>
            <legend className="visually-hidden">{t("labUi.data")}</legend>
            {(["moby-dick", "first-names", "own"] as const).map((c) => (
              <label key={c} className="radio">
                <input type="radio" name="corpus" checked={s.corpus === c} onChange={() => update({ corpus: c })} /> {t(`labUi.corpus.${c}`)}
              </label>
            ))}
          </fieldset>
        )}
        {s.corpus === "own" && (
          <div className="drop-zone" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
            <textarea
              rows={5}
              value={own?.text ?? ""}
              placeholder={t("labUi.pasteHint")}
              onChange={(e) => onOwnText(e.target.value, t("labUi.pasted"))}
              disabled={built}
              aria-label={t("labUi.pasteHint")}
              data-testid="own-text"
            />
            <label className="file-button">
              {t("labUi.upload")}
              <input type="file" accept=".txt,text/plain" onChange={(e) => e.target.files?.[0] && onReadFile(e.target.files[0])} disabled={built} data-testid="own-file" />
            </label>
            {reading !== null && <progress value={reading} max={1} aria-label={t("labUi.reading")} />}
            {own && <p className="muted">{t("labUi.ownInfo", { name: own.name, chars: own.text.length.toLocaleString() })}</p>}
          </div>
        )}
        {!hidden.has("tokenizer") && (
          <>
            <h3>{t("labUi.tokenizer")}</h3>
            <fieldset disabled={built}>
              <legend className="visually-hidden">{t("labUi.tokenizer")}</legend>
              {(["char", "bpe", "gpt2"] as const).map((k) => (
                <label key={k} className="radio">
                  <input type="radio" name="tokenizer" checked={s.tokenizer === k} onChange={() => update({ tokenizer: k })} /> {t(`labUi.tok.${k}`)}
                </label>
              ))}
            </fieldset>
            {s.tokenizer === "bpe" && field("bpeVocab")}
            {s.tokenizer === "gpt2" && <p className="notice">{t("labUi.gpt2Warning", { mb: formatBytes(50257 * s.nEmbd * 4 * 4) })}</p>}
          </>
        )}
      </section>

      <section className="lab-panel" aria-labelledby="model-title">
        <h2 id="model-title">{t("labUi.model")}</h2>
        {!hidden.has("preset") && (
          <label className="field wide">
            <span>{t("labUi.preset")}</span>
            <select value={s.preset} disabled={built} onChange={(e) => update({ preset: e.target.value as LabSettings["preset"], ...presetValues(e.target.value as LabSettings["preset"]) })} data-testid="preset">
              <option value="projector">{t("labUi.presets.projector")}</option>
              <option value="nanogpt-cpu">{t("labUi.presets.nanogpt-cpu")}</option>
              <option value="custom">{t("labUi.presets.custom")}</option>
            </select>
          </label>
        )}
        <div className="field-grid">{modelFields.map(field)}</div>
        <details>
          <summary>{t("labUi.training")}</summary>
          <div className="field-grid">{[...trainFields, "sampleEvery", "autosaveEvery"].map((f) => field(f as SettingName))}</div>
        </details>
        <p className="size-line" data-testid="size-line">
          {t("labUi.sizes", { params: sizes.params.toLocaleString(), memory: formatBytes(sizes.bytes), vocab: sizes.vocab })}
          {ms !== undefined && <> · {t("labUi.measured", { ms: ms.toFixed(0) })}</>}
        </p>
      </section>
    </div>
  );
}
