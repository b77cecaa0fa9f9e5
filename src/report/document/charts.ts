// bar charts drawn as SVG text on the server with ECharts' server-side renderer (no DOM, no canvas): the same
// picture in HTML, and in the PDF printed from it. Animation off, sizes fixed, so the SVG is the same every run.
// ECharts is loaded on the first chart, as its one-file CommonJS build (0.16 s; its ES modules take about 1 s):
// a report without a chart (a statement, the declarations' tables) never loads it.
import { createRequire } from "node:module";
import type { BarChart } from "./model.js";

type ECharts = typeof import("echarts");
let loaded: ECharts | undefined;
const echartsLib = (): ECharts => {
  loaded ??= createRequire(import.meta.url)("echarts") as ECharts;
  return loaded;
};

const PALETTE = ["#1f5fa8", "#d9822b", "#3b8c5a", "#8a4fb0", "#c23b3b", "#5f6b7a"];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/**
 * The SVG as a static picture: ECharts' hover styles (a CDATA <style>) and its interaction metadata dropped (a
 * report has no script), and the chart's title as the SVG's <title>, which screen readers announce.
 */
function staticSvg(svg: string, title: string): string {
  const open = svg.indexOf(">") + 1;
  const named = `${svg.slice(0, open)}<title>${title.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c)}</title>${svg.slice(open)}`;
  return named.replace(/<style\s*>[\s\S]*?<\/style>\s*/g, "").replace(/ ecmeta_[a-z_]+="[^"]*"/g, "");
}

/** The chart as an SVG document fragment, `width` x `height` pixels. */
export function barChartSvg(chart: BarChart, width = 720, height = 280): string {
  const instance = echartsLib().init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    instance.setOption({
      animation: false,
      color: PALETTE,
      textStyle: {
        fontFamily: "NanumGothic, 'Nanum Gothic', 'Noto Sans CJK KR', 'Noto Sans KR', sans-serif",
      },
      title: { text: chart.title, left: 0, textStyle: { fontSize: 13, fontWeight: "bold" } },
      legend: chart.series.length > 1 ? { top: 0, right: 0 } : { show: false },
      grid: { left: 60, right: 16, top: 40, bottom: 48 },
      xAxis: {
        type: "category",
        data: chart.categories,
        axisLabel: { rotate: chart.categories.length > 12 ? 45 : 0, fontSize: 10 },
      },
      yAxis: { type: "value", axisLabel: { fontSize: 10 } },
      series: chart.series.map((s) => ({
        name: s.name,
        type: "bar",
        data: s.values,
        ...(chart.stacked ? { stack: "all" } : {}),
      })),
    });
    return staticSvg(instance.renderToSVGString(), chart.title);
  } finally {
    instance.dispose();
  }
}
