import { useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { labSchema, memoryProblem, modelFields, trainFields, type LabSettings, type SettingName } from "./settings";
import { estimateRun, presetValues, roughDuration } from "./presets";
import { EstimateText, FieldHelp, presetEstimate, useProbeTiming } from "./LabHelp";
import { formatBytes, LARGE_VOCAB } from "./modelSize";
import type { OwnText } from "./useLab";

interface Props {
  s: LabSettings;
  update: (patch: Partial<LabSettings>) => void;
  hidden: Set<string>;
  problems: Partial<Record<SettingName | "memory", string>>;
  /** a model is built: data, tokenizer and model fields are locked (training fields stay editable) */
  built: boolean;
  own: OwnText | null;
  /** reading a file: 0..1, or null */
  reading: number | null;
  onOwnText: (text: string, name: string) => void;
  onReadFile: (file: File) => void;
  /** null while the own text is empty (no vocabulary yet); upTo: a BPE's vocabulary is a ceiling */
  sizes: { params: number; bytes: number; vocab: number; upTo: boolean; embedding?: { params: number; bytes: number; share: number } } | null;
  /** measured ms per step, when there is one */
  ms?: number;
}

/** The settings form: data (built-in corpus or the learner's text), tokenizer, preset, model and training fields. */
export function LabSettingsPanel({ s, update, hidden, problems, built, own, reading, onOwnText, onReadFile, sizes, ms }: Props) {
  const { t } = useTranslation();
  // a model this device cannot hold is refused before anything is built (settingProblems has it too, so Train is off)
  const tooLarge = problems.memory ? memoryProblem(s, own?.text) : null;
  const [help, setHelp] = useState(false);
  const probe = useProbeTiming();
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
      <label key={name} data-field={name} className={`field${problems[name] ? " invalid" : ""}`} title={t(`labHelp.settings.${name}`, { defaultValue: "" }) || undefined}>
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
            aria-describedby={[problems[name] && `${name}-problem`, help && `${name}-help`].filter(Boolean).join(" ") || undefined}
            data-testid={`field-${name}`}
          />
        )}
        {problems[name] && (
          <small id={`${name}-problem`} className="problem" role="alert">
            {problems[name]}
          </small>
        )}
        {help && <FieldHelp name={name} />}
      </label>
    );
  };

  const trainList = [...trainFields, "sampleEvery", "autosaveEvery"] as SettingName[];
  const visibleModel = modelFields.filter((f) => !hidden.has(f));
  const visibleTrain = trainList.filter((f) => !hidden.has(f));
  // the Data card only when it has something to choose or paste; else one line says what the model reads
  const showData = !hidden.has("corpus") || !hidden.has("tokenizer") || s.corpus === "own";
  const estimate = sizes ? estimateRun(s, sizes.vocab, { probeMs: probe.probeMs, runMsPerStep: ms }) : null;
  const optionText = (name: "projector" | "nanogpt-cpu") => {
    const e = sizes ? presetEstimate(name, s, sizes.vocab, probe.probeMs) : null;
    if (!e) return t(`labUi.presets.${name}`);
    const d = roughDuration(e.seconds);
    return `${t(`labUi.presets.${name}`)} · ${t("labHelp.estimate.probe", { time: t(`labHelp.duration.${d.unit}`, { n: d.n }) })}`;
  };

  return (
    <div className="lab-settings">
      {showData ? (
        <section className="lab-panel" aria-labelledby="data-title" data-testid="data-panel">
          <h2 id="data-title">{t("labUi.data")}</h2>
          {!hidden.has("corpus") && (
            <fieldset disabled={built} data-field="corpus">
              <legend className="visually-hidden">{t("labUi.data")}</legend>
              {(["moby-dick", "first-names", "course-ja", "own"] as const).map((c) => (
                <label key={c} className="radio">
                  <input type="radio" name="corpus" checked={s.corpus === c} onChange={() => update({ corpus: c })} /> {t(`labUi.corpus.${c}`)}
                </label>
              ))}
            </fieldset>
          )}
          {s.corpus === "course-ja" && (
            <p className="muted" data-testid="course-ja-source">
              {t("labUi.courseJaSource")}
            </p>
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
              <fieldset disabled={built} data-field="tokenizer">
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
      ) : null}

      <section className="lab-panel" aria-labelledby="model-title" data-testid="model-panel">
        <div className="panel-head">
          <h2 id="model-title">{t("labUi.model")}</h2>
          {(visibleModel.length > 0 || visibleTrain.length > 0) && (
            <button type="button" className="help-toggle" aria-pressed={help} onClick={() => setHelp(!help)} data-testid="help-toggle">
              {t("labHelp.show")}
            </button>
          )}
        </div>
        {!showData && (
          <p className="corpus-line" data-testid="corpus-line">
            {t("labHelp.miniCorpus", { corpus: t(`labUi.corpus.${s.corpus}`) })}
          </p>
        )}
        {!hidden.has("preset") && (
          <label className="field wide" data-field="preset">
            <span>{t("labUi.preset")}</span>
            <select value={s.preset} disabled={built} onChange={(e) => update({ preset: e.target.value as LabSettings["preset"], ...presetValues(e.target.value as LabSettings["preset"]) })} data-testid="preset">
              <option value="projector">{optionText("projector")}</option>
              <option value="nanogpt-cpu">{optionText("nanogpt-cpu")}</option>
              <option value="custom">{t("labUi.presets.custom")}</option>
            </select>
          </label>
        )}
        {visibleModel.length > 0 && <div className="field-grid">{visibleModel.map(field)}</div>}
        {visibleTrain.length > 0 && (
          <details open={help || undefined}>
            <summary>{t("labUi.training")}</summary>
            <div className="field-grid">{visibleTrain.map(field)}</div>
          </details>
        )}
        <p className="size-line" data-testid="size-line">
          {modelFields.some((f) => problems[f])
            ? t("labState.sizesNeedValid") // a size from nLayer −1 would be a negative number of parameters
            : sizes
            ? t(sizes.upTo ? "labHelp.sizesUpTo" : "labUi.sizes", { params: sizes.params.toLocaleString("en-US"), memory: formatBytes(sizes.bytes), vocab: sizes.vocab.toLocaleString("en-US") })
            : t("labHelp.sizesNoText")}
          {ms !== undefined && <> · {t("labUi.measured", { ms: ms.toFixed(0) })}</>}
        </p>
        {sizes?.embedding && sizes.vocab >= LARGE_VOCAB && !modelFields.some((f) => problems[f]) && (
          <p className="notice" data-testid="large-vocab">
            {t("labUi.largeVocab", {
              vocab: sizes.vocab.toLocaleString("en-US"),
              nEmbd: s.nEmbd,
              params: sizes.embedding.params.toLocaleString("en-US"),
              memory: formatBytes(sizes.embedding.bytes),
              share: Math.round(sizes.embedding.share * 100),
            })}
          </p>
        )}
        {tooLarge && (
          <p className="problem" role="alert" data-testid="size-too-large">
            {t("labState.tooLarge", { gb: tooLarge.gb.toLocaleString("en-US"), limit: tooLarge.limitGb })}
          </p>
        )}
        <p className="estimate-line">
          <EstimateText estimate={estimate} steps={s.maxIters} backend={probe.backend} probeMs={probe.probeMs} />
        </p>
      </section>
    </div>
  );
}
