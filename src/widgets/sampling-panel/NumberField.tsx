import { useState } from "react";

/**
 * A number input that lets the learner type freely ("0.", "-") and commits only valid values; an invalid one
 * is shown, with a message naming it, until it is fixed. Shared by the decoding lesson's widgets.
 */
export function NumberField(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  integer?: boolean;
  onChange: (x: number) => void;
  testId: string;
  hint?: string;
  /** the URL-state field this input changes: marks the label for hand-out links' hide and lock */
  field?: string;
}) {
  const { label, value, min, max, step = 1, integer, onChange, testId, hint, field } = props;
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    // the value changed from outside (the slider, Reset): show it, unless the text already says it ("0.50")
    setSeen(value);
    if (Number(text) !== value) setText(String(value));
    setError(null);
  }
  const commit = (raw: string) => {
    setText(raw);
    const x = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(x)) setError(`${label}: "${raw}" is not a number.`);
    else if (integer && !Number.isInteger(x)) setError(`${label} must be a whole number, got ${raw}.`);
    else if (x < min || x > max) setError(`${label} must be ${min}–${max}, got ${raw}.`);
    else {
      setError(null);
      onChange(x);
    }
  };
  return (
    <label className="dc-field" data-field={field}>
      <span>{label}</span>
      <input type="number" inputMode="decimal" min={min} max={max} step={step} value={text} aria-invalid={error !== null} title={hint} onChange={(e) => commit(e.target.value)} data-testid={testId} />
      {error && (
        <span className="dc-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
