// the parts of ECharts the overview's flow map draws with (a Sankey diagram, its tooltip, the SVG renderer): the
// overview loads this smaller chunk first instead of every chart the other pages draw.
import { SankeyChart } from "echarts/charts";
import { TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

use([SankeyChart, TooltipComponent, SVGRenderer]);

export { init };
