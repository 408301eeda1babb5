/**
 * Lays a computation graph out left → right by topological depth, as graphviz's rankdir=LR does for micrograd:
 * an operation sits one column right of its deepest input, and a leaf sits just left of its first consumer (so
 * f in L = e·f is drawn beside e, not at the far left). Within a column, nodes follow their consumers' average
 * row (one barycentre sweep from the right), which untangles the trees these lessons draw.
 * Example: (a*b + c)*f → columns a, b: 0; d, c: 1; e, f: 2; L: 3.
 */
export interface LayoutInput {
  inputs: number[]; // ids of inputs; ids are topological (inputs before outputs), the root last
  width: number;
}
export interface Box {
  col: number;
  x: number; // left edge
  y: number; // top edge
  w: number;
  h: number;
}

export const NODE_H = 72; // three lines of 16-unit text (GraphView)
const COL_GAP = 40, ROW_GAP = 18, PAD = 8;

export function layoutGraph(nodes: LayoutInput[]): { boxes: Box[]; width: number; height: number } {
  const n = nodes.length;
  const col = new Array<number>(n).fill(0);
  const consumers: number[][] = nodes.map(() => []);
  nodes.forEach((node, id) => node.inputs.forEach((i) => consumers[i].includes(id) || consumers[i].push(id)));
  for (let id = 0; id < n; id++) if (nodes[id].inputs.length) col[id] = 1 + Math.max(...nodes[id].inputs.map((i) => col[i]));
  for (let id = 0; id < n; id++) if (!nodes[id].inputs.length && consumers[id].length) col[id] = Math.min(...consumers[id].map((c) => col[c])) - 1;
  const nCols = Math.max(...col) + 1;

  // Order each column by the mean row of its consumers, right to left; ties keep topological order.
  const row = new Array<number>(n).fill(0);
  const columns: number[][] = Array.from({ length: nCols }, () => []);
  for (let c = nCols - 1; c >= 0; c--) {
    const ids = col.flatMap((k, id) => (k === c ? [id] : []));
    const key = (id: number) => (consumers[id].length ? consumers[id].reduce((s, k) => s + row[k], 0) / consumers[id].length : 0);
    ids.sort((p, q) => key(p) - key(q) || p - q);
    const mid = (ids.length - 1) / 2;
    ids.forEach((id, r) => (row[id] = r - mid)); // centred rows: ..., -0.5, 0.5, ...
    columns[c] = ids;
  }

  const colW = columns.map((ids) => Math.max(0, ...ids.map((id) => nodes[id].width)));
  const colX = colW.map((_, c) => PAD + colW.slice(0, c).reduce((s, w) => s + w + COL_GAP, 0));
  const maxRows = Math.max(...columns.map((ids) => ids.length));
  const height = 2 * PAD + maxRows * NODE_H + (maxRows - 1) * ROW_GAP;
  const centre = height / 2;
  const boxes = nodes.map((node, id) => ({
    col: col[id],
    x: colX[col[id]] + (colW[col[id]] - node.width) / 2,
    y: centre + row[id] * (NODE_H + ROW_GAP) - NODE_H / 2,
    w: node.width,
    h: NODE_H,
  }));
  const width = colX[nCols - 1] + colW[nCols - 1] + PAD;
  return { boxes, width, height };
}
