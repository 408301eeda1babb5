import { useTranslation } from "react-i18next";
import { presetChoices, type PresetChoice } from "./presets";

interface Props {
  preset: PresetChoice;
  expr: string;
  values: string;
  onPreset: (p: PresetChoice) => void;
  onExpr: (expr: string) => void;
  onValues: (values: string) => void;
  testId: string; // prefix: "gs" gives gs-preset, gs-expr, gs-values
}

/** The example picker and the expression and values boxes that both autograd widgets share. */
export function SourceFields({ preset, expr, values, onPreset, onExpr, onValues, testId }: Props) {
  const { t } = useTranslation();
  return (
    <div className="gs-source">
      <label data-field="preset">
        {t("graphStepper.preset")}
        <select value={preset} onChange={(e) => onPreset(e.target.value as PresetChoice)} data-testid={`${testId}-preset`}>
          {presetChoices.map((c) => (
            <option key={c} value={c}>
              {t(`graphStepper.presets.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label data-field="expr">
        {t("graphStepper.expression")}
        <input value={expr} spellCheck={false} autoCapitalize="off" onChange={(e) => onExpr(e.target.value)} data-testid={`${testId}-expr`} />
      </label>
      <label data-field="vals">
        {t("graphStepper.values")}
        <input value={values} spellCheck={false} autoCapitalize="off" onChange={(e) => onValues(e.target.value)} data-testid={`${testId}-values`} />
      </label>
    </div>
  );
}
