import { useState } from "react";
import { useTranslation } from "react-i18next";
import { fmt } from "./format";
import type { Snapshot } from "./graph";

/** What the last backward step did: the seed, or a node's local derivatives and the grads they changed. */
export function StepExplanation({ snap }: { snap: Snapshot }) {
  const { t } = useTranslation();
  const { progress: p, steps, last, graph } = snap;
  const status = !p.forwarded ? t("graphStepper.notForwarded") : p.step === 0 ? t("graphStepper.ready") : t("graphStepper.progress", { step: p.step, steps });
  return (
    <div className="gs-explain" aria-live="polite" data-testid="gs-explain">
      <p className="gs-status">
        {status}
        {p.step === steps && p.forwarded && ` ${t("graphStepper.done")}`}
        {p.forwarded && p.step > 0 && p.step < steps && ` ${t("graphStepper.midPass")}`}
      </p>
      {last?.kind === "seed" && <p>{t("graphStepper.seed", { name: graph.root.name })}</p>}
      {last?.kind === "node" && (
        <>
          <p>{t("graphStepper.nodeStep", { name: last.node.name, definition: last.node.definition, grad: fmt(last.node.value.grad) })}</p>
          <ul className="gs-terms">
            {last.terms.map((c, i) => (
              <li key={i}>
                ∂{last.node.name}/∂{c.input.name} = {c.formula === fmt(c.local) ? c.formula : `${c.formula} = ${fmt(c.local)}`}
                {"  ⇒  "}grad({c.input.name}) += {fmt(c.local)} × {fmt(c.upstream)}: {fmt(c.before)} → <strong>{fmt(c.after)}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The variables: their values (editable) and their grads. */
export function LeafTable({ snap, onChange }: { snap: Snapshot; onChange: (name: string, x: number) => void }) {
  const { t } = useTranslation();
  const leaves = snap.graph.nodes.filter((n) => n.kind === "var");
  return (
    <div className="table-scroll">
      <table className="gs-leaves">
        <thead>
          <tr>
            <th>{t("graphStepper.variable")}</th>
            <th>{t("graphStepper.value")}</th>
            <th>grad</th>
          </tr>
        </thead>
        <tbody>
          {leaves.map((n) => (
            <tr key={n.name}>
              <th scope="row">{n.name}</th>
              <td>
                <NumberInput value={n.value.data} label={t("graphStepper.valueOf", { name: n.name })} onChange={(x) => onChange(n.name, x)} />
              </td>
              <td className="gs-grad-cell" data-testid={`gs-grad-${n.name}`} data-grad={n.value.grad}>
                {fmt(n.value.grad)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A number box that lets the learner type "-" or "0." on the way to a number, and follows outside changes. */
function NumberInput({ value, label, onChange }: { value: number; label: string; onChange: (x: number) => void }) {
  const [draft, setDraft] = useState(String(value));
  const valid = draft.trim() !== "" && Number.isFinite(Number(draft));
  const shown = !valid || Number(draft) === value ? draft : String(value);
  return (
    <input
      type="number"
      step="any"
      aria-label={label}
      value={shown}
      onChange={(e) => {
        setDraft(e.target.value);
        const x = Number(e.target.value);
        if (e.target.value.trim() !== "" && Number.isFinite(x)) onChange(x);
      }}
    />
  );
}
