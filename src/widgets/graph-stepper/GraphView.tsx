import { fmt } from "./format";
import { opSymbol, type Snapshot } from "./graph";
import { layoutGraph, NODE_H } from "./layout";

// One SVG unit is 1/16 em of the widget's type (the svg's width is set in em below), so text of 16 units is drawn
// at the page's body size and scales with it, down to 80% where a wide graph must fit a narrow column.
const FONT = 16; // every label, name and number: .gs-node text in styles.css
const CHAR_W = 0.6 * FONT; // width of one monospace character, in SVG units
const NUM_CHARS = 8; // "-0.7071" and "645.5773" fit

/** The graph as an SVG: each node shows its name, its op, data and grad; the last step's node is highlighted. */
export function GraphView({ snap, label }: { snap: Snapshot; label: string }) {
  const { graph, progress, last, next } = snap;
  const texts = graph.nodes.map((n) => ({ name: n.name, op: n.kind === "op" ? opSymbol(n.op) : "" }));
  const { boxes, width, height } = layoutGraph(
    graph.nodes.map((n, i) => ({ inputs: n.inputs, width: 16 + CHAR_W * Math.max(texts[i].name.length + texts[i].op.length + 2, 5 + NUM_CHARS) })),
  );
  const current = last?.node.id;
  const receiving = new Set(last?.kind === "node" ? last.node.inputs : []);
  return (
    <svg
      className="gs-svg"
      viewBox={`0 0 ${width} ${height}`}
      style={{ width: `${width / 16}em`, minWidth: `${(0.8 * width) / 16}em` }}
      role="img"
      aria-label={label}
    >
      {graph.nodes.flatMap((n) =>
        n.inputs.map((i, k) => {
          const a = boxes[i], b = boxes[n.id];
          const x1 = a.x + a.w, y1 = a.y + NODE_H / 2, x2 = b.x, y2 = b.y + NODE_H / 2, dx = (x2 - x1) / 2;
          return <path key={`${n.id}-${k}`} className={`gs-edge${n.id === current ? " active" : ""}`} d={`M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`} />;
        }),
      )}
      {graph.nodes.map((n) => {
        const b = boxes[n.id];
        const shown = progress.forwarded || n.kind !== "op";
        const cls = ["gs-node", n.kind, n.id === current ? "current" : "", receiving.has(n.id) ? "receiving" : "", n.id === next?.id && progress.forwarded ? "next" : ""];
        return (
          <g key={n.id} className={cls.join(" ")} data-name={n.name} data-data={shown ? n.value.data : ""} data-grad={n.value.grad} transform={`translate(${b.x},${b.y})`}>
            <title>{n.kind === "op" ? `${n.name} = ${n.definition}` : n.name}</title>
            <rect width={b.w} height={b.h} rx={8} />
            <text x={8} y={20} className="gs-name">
              {texts[n.id].name}
            </text>
            <text x={b.w - 8} y={20} className="gs-op" textAnchor="end">
              {texts[n.id].op}
            </text>
            <text x={8} y={42} className="gs-num">
              <tspan className="gs-key">data </tspan>
              {shown ? fmt(n.value.data) : "?"}
            </text>
            <text x={8} y={63} className="gs-num gs-grad">
              <tspan className="gs-key">grad </tspan>
              {fmt(n.value.grad)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
