import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { loadRuntime } from "../../device/backendStore";
import { exampleMatrices, formatMatrix } from "./matrices";

interface Result {
  a: number[][];
  b: number[][];
  c: number[][];
  backend: string;
}

/** A and B with small whole numbers, and C = A·B as TensorFlow.js computes it on the active backend. */
export default function MatmulDemo({ props }: WidgetProps) {
  const { t } = useTranslation();
  const m = Number(props.m), k = Number(props.k), n = Number(props.n);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const { tf, backend } = await loadRuntime();
      const { a, b } = exampleMatrices(m, k, n);
      const c = tf.tidy(() => tf.matMul(tf.tensor2d(a), tf.tensor2d(b)));
      const values = (await c.array()) as number[][];
      c.dispose();
      if (!cancelled) setResult({ a, b, c: values, backend });
    })().catch((e: Error) => !cancelled && setError(e.message));
    return () => {
      cancelled = true;
    };
  }, [m, k, n]);

  if (error) throw new Error(error);
  return (
    <figure className="widget matmul-demo" data-testid="matmul-demo">
      <figcaption>{t("matmul.title")}</figcaption>
      {!result ? (
        <p>{t("matmul.computing")}</p>
      ) : (
        <>
          <div className="matmul-row">
            <MatrixView label="A" values={result.a} />
            <span aria-hidden>×</span>
            <MatrixView label="B" values={result.b} />
            <span aria-hidden>=</span>
            <MatrixView label="C" values={result.c} testId="matmul-c" />
          </div>
          <p className="muted">{t("matmul.caption", { m, k, n, backend: result.backend })}</p>
        </>
      )}
    </figure>
  );
}

function MatrixView({ label, values, testId }: { label: string; values: number[][]; testId?: string }) {
  return (
    <table className="matrix" aria-label={`${label} = ${formatMatrix(values)}`} data-testid={testId}>
      <caption>{label}</caption>
      <tbody>
        {values.map((row, i) => (
          <tr key={i}>
            {row.map((x, j) => (
              <td key={j}>{Number(x.toFixed(4))}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
