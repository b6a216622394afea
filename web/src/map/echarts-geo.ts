/** A feature of ECharts' compact map format (rings as strings, with their start offsets). */
export interface EncodedFeature {
  id: string;
  properties: { name: string; cp: [number, number] };
  geometry:
    | { type: 'Polygon'; coordinates: string[]; encodeOffsets: [number, number][] }
    | { type: 'MultiPolygon'; coordinates: string[][]; encodeOffsets: [number, number][][] };
}
export interface EncodedMap {
  UTF8Scale?: number;
  features: EncodedFeature[];
}
export interface DecodedFeature {
  type: 'Feature';
  id: string;
  properties: { name: string; cp: [number, number] };
  geometry: { type: 'MultiPolygon'; coordinates: [number, number][][][] };
}

/**
 * ECharts' encoding: each ring is a string of character pairs, each pair a zigzag-encoded delta (char
 * code − 64) from the previous point, starting at the ring's offset; coordinates are in 1/1024 degree.
 */
function decodeRing(text: string, [x0, y0]: [number, number], scale: number): [number, number][] {
  const out: [number, number][] = [];
  let x = x0,
    y = y0;
  for (let i = 0; i + 1 < text.length; i += 2) {
    let dx = text.charCodeAt(i) - 64,
      dy = text.charCodeAt(i + 1) - 64;
    dx = (dx >> 1) ^ -(dx & 1);
    dy = (dy >> 1) ^ -(dy & 1);
    x += dx;
    y += dy;
    out.push([x / scale, y / scale]);
  }
  if (out.length && (out[0][0] !== out[out.length - 1][0] || out[0][1] !== out[out.length - 1][1]))
    out.push([out[0][0], out[0][1]]);
  return out;
}

/** Decodes an ECharts map into GeoJSON features (MultiPolygon, one polygon per ring, winding as in the data). */
export function decodeFeatures(encoded: EncodedMap): DecodedFeature[] {
  const scale = encoded.UTF8Scale ?? 1024;
  return encoded.features.map((f) => {
    const g = f.geometry;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    const offsets = g.type === 'Polygon' ? [g.encodeOffsets] : g.encodeOffsets;
    const rings = polygons.flatMap((ringsOf, p) => ringsOf.map((ring, r) => decodeRing(ring, offsets[p][r], scale)));
    // Each ring a polygon of its own: the data keeps a province's pieces (exclaves, islands) as rings of one polygon.
    const coordinates = rings.filter((ring) => ring.length >= 4).map((ring) => [ring]);
    return {
      type: 'Feature',
      id: f.id,
      properties: { name: f.properties.name, cp: f.properties.cp },
      geometry: { type: 'MultiPolygon', coordinates },
    };
  });
}
