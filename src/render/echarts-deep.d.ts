// Deep imports of ECharts' installers, used by echarts.ts (only the parts the trend chart uses: about
// a third of the cost of importing the `echarts/charts` and `echarts/components` barrels). They ship no types.
declare module 'echarts/lib/chart/line/install.js' {
  export const install: Exclude<Parameters<typeof import('echarts/core').use>[0], unknown[]>;
}
declare module 'echarts/lib/component/grid/installSimple.js' {
  export const install: Exclude<Parameters<typeof import('echarts/core').use>[0], unknown[]>;
}
declare module 'echarts/lib/component/legend/installLegendPlain.js' {
  export const install: Exclude<Parameters<typeof import('echarts/core').use>[0], unknown[]>;
}
declare module 'echarts/lib/renderer/installSVGRenderer.js' {
  export const install: Exclude<Parameters<typeof import('echarts/core').use>[0], unknown[]>;
}
