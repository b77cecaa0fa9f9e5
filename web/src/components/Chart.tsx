// one ECharts chart, drawn as SVG (its text is in the page: readable by a screen reader's fallback table and by
// the browser tests), resized with its box, disposed with the component. ECharts is loaded with the first chart.

import type { EChartsCoreOption } from "echarts/core";
import { useEffect, useRef } from "react";

export function Chart(props: { option: EChartsCoreOption; label: string; height?: number; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const { option, label, height = 320, testId } = props;
  useEffect(() => {
    let disposed = false;
    let dispose = () => {};
    void import("./echarts.js").then((echarts) => {
      if (disposed || !box.current) return;
      const chart = echarts.init(box.current, undefined, { renderer: "svg" });
      chart.setOption({ animation: false, ...option });
      const observer = new ResizeObserver(() => chart.resize());
      observer.observe(box.current);
      box.current.dataset.ready = "true";
      dispose = () => {
        observer.disconnect();
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, [option]);
  return (
    <div ref={box} role="img" aria-label={label} data-testid={testId} style={{ width: "100%", height }} />
  );
}
