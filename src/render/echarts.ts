// The parts of ECharts the trend chart uses, and nothing else: the core, the line chart, the grid,
// the plain legend and the SVG renderer (deep imports: about a third of the cost of the
// `echarts/charts` and `echarts/components` barrels). From a clone this module loads them from
// node_modules; `npm run build` replaces its compiled dist/render/echarts.js with a single-file
// bundle of exactly these modules (ECharts, zrender, tslib), so the published package does not
// depend on echarts at run time (scripts/build-echarts.ts). Import it lazily: it is heavy.
import { init, use } from 'echarts/core';
import { install as line } from 'echarts/lib/chart/line/install.js';
import { install as grid } from 'echarts/lib/component/grid/installSimple.js';
import { install as legend } from 'echarts/lib/component/legend/installLegendPlain.js';
import { install as svg } from 'echarts/lib/renderer/installSVGRenderer.js';

use([line, grid, legend, svg]);

export { init };
