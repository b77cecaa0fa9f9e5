// the flow map's geometry (web/src/components/flow-layout.ts) over random controllers, countries and recipients:
// nodes stay in the box without overlapping, a node is as tall as its people, and the bands leave and enter each
// node side by side, filling it exactly, never overlapping.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type FlowLink, type FlowNode, layoutFlows } from "../../web/src/components/flow-layout.js";

const BOX = { width: 1000, height: 244, nodeWidth: 18, gap: 14, labelWidth: 240 };
const EPS = 1e-6;

/** The overview's shape: one controller, its countries, each country's recipients. */
const flows = fc
  .array(fc.array(fc.integer({ min: 0, max: 2_000_000 }), { minLength: 1, maxLength: 4 }), {
    minLength: 1,
    maxLength: 4,
  })
  .map((countries) => {
    const recipients = countries.flatMap((people, c) =>
      people.map((p, r) => ({ key: `r:${c}.${r}`, label: `R${c}.${r}`, value: p, country: `c:${c}` })),
    );
    const byCountry = countries.map((people, c) => ({
      key: `c:${c}`,
      label: `C${c}`,
      value: people.reduce((s, p) => s + p, 0),
    }));
    const total = byCountry.reduce((s, c) => s + c.value, 0);
    const columns: FlowNode[][] = [[{ key: "o", label: "O", value: total }], byCountry, recipients];
    const links: FlowLink[] = [
      ...byCountry.map((c) => ({ source: "o", target: c.key, value: c.value })),
      ...recipients.map((r) => ({ source: r.country, target: r.key, value: r.value })),
    ];
    return { columns, links, total };
  });

describe("the flow map's layout", () => {
  it("keeps nodes in the box, apart, and as tall as their people", () => {
    fc.assert(
      fc.property(flows, ({ columns, links, total }) => {
        const { nodes } = layoutFlows(columns, links, BOX);
        expect(nodes).toHaveLength(columns.flat().length);
        const scale = nodes.find((n) => n.value > 0);
        const k = scale ? scale.height / scale.value : 0;
        for (const [i, column] of columns.entries()) {
          const placed = nodes.filter((n) => n.column === i).sort((a, b) => a.y - b.y);
          expect(placed.map((n) => n.key).sort()).toEqual(column.map((n) => n.key).sort());
          for (const [j, n] of placed.entries()) {
            expect(n.y).toBeGreaterThanOrEqual(-EPS);
            if (total > 0) expect(n.height).toBeCloseTo(Math.max(1, n.value * k), 6);
            const next = placed[j + 1];
            if (next) expect(next.y - (n.y + n.height)).toBeCloseTo(BOX.gap, 6);
          }
          // one column x, left to right, the last leaving room for its labels
          expect(new Set(placed.map((n) => n.x)).size).toBe(1);
        }
        // the fullest column fits the box (every node at least a pixel tall may push a column of zeros past it)
        if (columns.flat().every((n) => n.value * k >= 1)) {
          for (const n of nodes) expect(n.y + n.height).toBeLessThanOrEqual(BOX.height + EPS);
        }
        expect(Math.max(...nodes.map((n) => n.x))).toBeCloseTo(BOX.width - BOX.labelWidth - BOX.nodeWidth, 6);
      }),
      { numRuns: 200 },
    );
  });

  it("lays each node's bands side by side, filling its people exactly", () => {
    fc.assert(
      fc.property(flows, ({ columns, links }) => {
        const { nodes, bands } = layoutFlows(columns, links, BOX);
        const scale = nodes.find((n) => n.value > 0);
        const k = scale ? scale.height / scale.value : 0;
        for (const n of nodes) {
          for (const [side, mine] of [
            ["out", bands.filter((b) => b.source === n.key).map((b) => ({ y: b.y0, t: b.thickness }))],
            ["in", bands.filter((b) => b.target === n.key).map((b) => ({ y: b.y1, t: b.thickness }))],
          ] as const) {
            if (mine.length === 0) continue;
            mine.sort((a, b) => a.y - b.y);
            // the first band starts at the node's top; each next where the last ended; together they hold its people
            expect(mine[0]?.y, side).toBeCloseTo(n.y, 6);
            for (let i = 1; i < mine.length; i++)
              expect(mine[i]?.y).toBeCloseTo((mine[i - 1]?.y ?? 0) + (mine[i - 1]?.t ?? 0), 6);
            expect(mine.reduce((s, b) => s + b.t, 0)).toBeCloseTo(n.value * k, 6);
          }
        }
        for (const b of bands) expect(b.path).toMatch(/^M[\d.]+,[\d.]+C.*L.*C.*Z$/);
      }),
      { numRuns: 200 },
    );
  });

  it("bands at a node follow the order of their other ends, so they do not cross there", () => {
    const columns: FlowNode[][] = [
      [{ key: "o", label: "O", value: 30 }],
      [
        { key: "a", label: "A", value: 10 },
        { key: "b", label: "B", value: 20 },
      ],
    ];
    // listed in the reverse order of their targets
    const { nodes, bands } = layoutFlows(
      columns,
      [
        { source: "o", target: "b", value: 20 },
        { source: "o", target: "a", value: 10 },
      ],
      BOX,
    );
    const a = bands.find((b) => b.target === "a");
    const b = bands.find((x) => x.target === "b");
    expect(a && b && a.y0 < b.y0).toBe(true);
    expect(nodes.find((n) => n.key === "a")?.y).toBeLessThan(nodes.find((n) => n.key === "b")?.y ?? 0);
  });

  it("refuses a link that skips a column or joins unknown nodes", () => {
    const columns: FlowNode[][] = [
      [{ key: "o", label: "O", value: 1 }],
      [{ key: "c", label: "C", value: 1 }],
      [{ key: "r", label: "R", value: 1 }],
    ];
    expect(() => layoutFlows(columns, [{ source: "o", target: "r", value: 1 }], BOX)).toThrow(
      /adjacent columns/,
    );
    expect(() => layoutFlows(columns, [{ source: "o", target: "x", value: 1 }], BOX)).toThrow(/o -> x/);
  });
});
