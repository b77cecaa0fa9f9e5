// the flow map's geometry: columns of nodes (the controller, its recipients' countries, the recipients), each node as
// tall as the people that pass through it, and a band for each link from one column to the next, as thick as its
// people. The bands leave a node in the order of their other ends, so they never cross at a node. Pure: the page
// draws the result as SVG.

export interface FlowNode {
  key: string;
  label: string;
  value: number;
}
export interface FlowLink {
  source: string;
  target: string;
  value: number;
}
export interface PlacedNode extends FlowNode {
  column: number;
  x: number;
  y: number;
  height: number;
}
export interface Band extends FlowLink {
  /** the band's outline: from the source's right edge to the target's left edge */
  path: string;
  thickness: number;
  /** the top of the band at the source and at the target */
  y0: number;
  y1: number;
}
export interface FlowBox {
  width: number;
  height: number;
  nodeWidth: number;
  gap: number;
  /** room kept right of the last column for its labels */
  labelWidth: number;
}

/** Places the columns' nodes and the links' bands in the box. A link between nodes not in adjacent columns throws. */
export function layoutFlows(
  columns: readonly (readonly FlowNode[])[],
  links: readonly FlowLink[],
  box: FlowBox,
): { nodes: PlacedNode[]; bands: Band[] } {
  const { width, height, nodeWidth, gap, labelWidth } = box;
  const span = Math.max(0, width - labelWidth - nodeWidth);
  // one scale for every column (people per pixel), the one that fits the fullest column
  const scale = Math.min(
    ...columns.map((c) => {
      const total = c.reduce((s, n) => s + n.value, 0);
      return total > 0 ? Math.max(0, height - gap * (c.length - 1)) / total : Number.POSITIVE_INFINITY;
    }),
  );
  const k = Number.isFinite(scale) ? scale : 0;
  const nodes: PlacedNode[] = [];
  const byKey = new Map<string, PlacedNode>();
  columns.forEach((column, i) => {
    const x = columns.length > 1 ? (span * i) / (columns.length - 1) : 0;
    const heights = column.map((n) => Math.max(1, n.value * k));
    const used = heights.reduce((s, h) => s + h, 0) + gap * (column.length - 1);
    let y = Math.max(0, (height - used) / 2);
    column.forEach((n, j) => {
      const placed = { ...n, column: i, x, y, height: heights[j] ?? 1 };
      nodes.push(placed);
      byKey.set(n.key, placed);
      y += placed.height + gap;
    });
  });
  const ends = links.map((l) => {
    const s = byKey.get(l.source);
    const t = byKey.get(l.target);
    if (s === undefined || t === undefined || t.column !== s.column + 1)
      throw new Error(`flow map: the link ${l.source} -> ${l.target} does not join two adjacent columns`);
    return { link: l, s, t };
  });
  // each band's place at its source (in the order of the targets) and at its target (in the order of the sources)
  const out = new Map<string, number>();
  const into = new Map<string, number>();
  const atSource = new Map<FlowLink, number>();
  const atTarget = new Map<FlowLink, number>();
  for (const e of [...ends].sort((a, b) => a.t.y - b.t.y)) {
    const y = out.get(e.s.key) ?? e.s.y;
    atSource.set(e.link, y);
    out.set(e.s.key, y + e.link.value * k);
  }
  for (const e of [...ends].sort((a, b) => a.s.y - b.s.y)) {
    const y = into.get(e.t.key) ?? e.t.y;
    atTarget.set(e.link, y);
    into.set(e.t.key, y + e.link.value * k);
  }
  const bands = ends.map(({ link, s, t }): Band => {
    const thickness = link.value * k;
    const y0 = atSource.get(link) ?? s.y;
    const y1 = atTarget.get(link) ?? t.y;
    const x0 = s.x + nodeWidth;
    const x1 = t.x;
    const xm = (x0 + x1) / 2;
    const f = (n: number) => Number(n.toFixed(2));
    const path =
      `M${f(x0)},${f(y0)}C${f(xm)},${f(y0)} ${f(xm)},${f(y1)} ${f(x1)},${f(y1)}` +
      `L${f(x1)},${f(y1 + thickness)}C${f(xm)},${f(y1 + thickness)} ${f(xm)},${f(y0 + thickness)} ${f(x0)},${f(y0 + thickness)}Z`;
    return { ...link, path, thickness, y0, y1 };
  });
  return { nodes, bands };
}
