// the overview's flow map, drawn as SVG by the page (see flow-layout.ts): ECharts' core and Sankey diagram would be
// the largest script of the first page, and this map is three columns of boxes and bands (docs/architecture.md, web).
// Each box and band names itself and its people in a title (a pointer's tooltip); the table beside it holds the same
// figures for a screen reader.
import { useLayoutEffect, useMemo, useRef, useState } from "react";
import { type FlowLink, type FlowNode, layoutFlows } from "./flow-layout.js";

const PALETTE = ["#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f", "#c2410c"];
const BOX = { nodeWidth: 18, gap: 14 };
/** the room for the last column's labels: a third of the picture, between a phone's and a wide screen's */
const labelRoom = (width: number) => Math.round(Math.min(360, Math.max(160, width * 0.35)));

export function FlowMap(props: {
  columns: FlowNode[][];
  links: FlowLink[];
  label: string;
  height: number;
  /** a figure as the page's language writes it */
  format: (n: number) => string;
  testId?: string;
}) {
  const { columns, links, label, height, format, testId } = props;
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const { nodes, bands } = useMemo(
    () => layoutFlows(columns, links, { ...BOX, labelWidth: labelRoom(width), width, height: height - 16 }),
    [columns, links, width, height],
  );
  // a colour for each node of the middle column (the countries), which its bands and the nodes after it carry
  const colour = useMemo(() => {
    const m = new Map<string, string>();
    for (const [i, n] of (columns[1] ?? []).entries()) m.set(n.key, PALETTE[i % PALETTE.length] ?? "#1d4ed8");
    for (const l of links) {
      const c = m.get(l.source);
      if (c !== undefined && !m.has(l.target)) m.set(l.target, c);
    }
    return m;
  }, [columns, links]);
  const words = new Map(nodes.map((n) => [n.key, n.label]));
  return (
    <div
      ref={box}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-ready={width > 0 ? "true" : undefined}
      className="flowmap"
      style={{ width: "100%", height }}
    >
      {width > 0 && (
        <svg width={width} height={height} viewBox={`0 -8 ${width} ${height}`} aria-hidden="true">
          {bands.map((b) => (
            <path
              key={`${b.source}>${b.target}`}
              d={b.path}
              fill={colour.get(b.source) ?? colour.get(b.target) ?? "#6b7280"}
              fillOpacity={0.4}
            >
              <title>{`${words.get(b.source)} → ${words.get(b.target)}: ${format(b.value)}`}</title>
            </path>
          ))}
          {nodes.map((n) => (
            <g key={n.key}>
              <rect
                x={n.x}
                y={n.y}
                width={BOX.nodeWidth}
                height={n.height}
                fill={colour.get(n.key) ?? "#374151"}
              >
                <title>{`${n.label}: ${format(n.value)}`}</title>
              </rect>
              <Label
                x={n.x + BOX.nodeWidth + 6}
                y={n.y + n.height / 2}
                room={n.column === columns.length - 1 ? labelRoom(width) - 10 : undefined}
                text={n.label}
              />
            </g>
          ))}
        </svg>
      )}
    </div>
  );
}

/** A node's words; in the last column cut to the room left of the picture's edge, with an ellipsis (the whole words in
 * its title). A hidden copy of the whole words measures where to cut. */
function Label(props: { x: number; y: number; room: number | undefined; text: string }) {
  const { x, y, room, text } = props;
  const probe = useRef<SVGTextElement>(null);
  const [shown, setShown] = useState(text);
  useLayoutEffect(() => {
    const el = probe.current;
    if (room === undefined || !el || el.getComputedTextLength() <= room) return setShown(text);
    // the longest start that leaves room for the ellipsis (about one wide character)
    let fits = 0;
    for (let lo = 1, hi = text.length; lo <= hi; ) {
      const mid = (lo + hi) >> 1;
      if (el.getSubStringLength(0, mid) <= room - 12) {
        fits = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    setShown(`${text.slice(0, fits)}…`);
  }, [text, room]);
  const at = { x, y, dominantBaseline: "middle", fontSize: 12 } as const;
  return (
    <>
      {room !== undefined && (
        <text ref={probe} {...at} visibility="hidden" className="probe">
          {text}
        </text>
      )}
      <text {...at} fill="#111827">
        {shown}
        {shown !== text && <title>{text}</title>}
      </text>
    </>
  );
}
