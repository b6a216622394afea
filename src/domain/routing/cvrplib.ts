import type { RoutingProblem } from './problem';

export interface CvrplibInstance {
  name: string;
  dimension: number;
  capacity: number;
  /** Coordinates by 0-based node index (file id − 1). */
  x: Float64Array;
  y: Float64Array;
  demand: Int32Array;
  /** 0-based depot index. */
  depot: number;
  /** Optional DISTANCE limit per route. */
  maxDistance?: number;
}

type Section = 'none' | 'coords' | 'demand' | 'depot' | 'other';

function readHeader(inst: Partial<CvrplibInstance>, key: string, value: string): void {
  switch (key) {
    case 'NAME':
      inst.name = value;
      break;
    case 'DIMENSION':
      inst.dimension = Number(value);
      break;
    case 'CAPACITY':
      inst.capacity = Number(value);
      break;
    case 'DISTANCE':
      inst.maxDistance = Number(value);
      break;
    case 'EDGE_WEIGHT_TYPE':
      if (value !== 'EUC_2D') throw new Error(`unsupported EDGE_WEIGHT_TYPE ${value}`);
      break;
    default:
      break;
  }
}

function sectionOf(token: string): Section | null {
  if (token === 'NODE_COORD_SECTION') return 'coords';
  if (token === 'DEMAND_SECTION') return 'demand';
  if (token === 'DEPOT_SECTION') return 'depot';
  if (token === 'EOF') return 'none';
  if (token.endsWith('_SECTION')) return 'other';
  return null;
}

/** Parses a CVRPLIB .vrp file (EUC_2D). */
export function parseCvrplib(text: string): CvrplibInstance {
  const inst: Partial<CvrplibInstance> = { name: '' };
  let section: Section = 'none';
  let depot = -1;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const sec = sectionOf(line.split(/\s+/)[0]);
    if (sec) {
      section = sec;
      continue;
    }
    const colon = line.indexOf(':');
    if (section === 'none' || (colon > 0 && /^[A-Z_]+\s*$/.test(line.slice(0, colon)))) {
      if (colon > 0) readHeader(inst, line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      continue;
    }
    const f = line.split(/\s+/).map(Number);
    if (section === 'coords' || section === 'demand') {
      if (!inst.x) allocate(inst);
      const idx = f[0] - 1;
      if (section === 'coords') {
        inst.x![idx] = f[1];
        inst.y![idx] = f[2];
      } else inst.demand![idx] = f[1];
    } else if (section === 'depot' && f[0] > 0 && depot < 0) depot = f[0] - 1;
  }
  if (!inst.dimension || !inst.capacity || !inst.x) throw new Error('incomplete CVRPLIB file');
  return { ...(inst as CvrplibInstance), depot: depot < 0 ? 0 : depot };
}

function allocate(inst: Partial<CvrplibInstance>): void {
  if (!inst.dimension) throw new Error('DIMENSION must precede the data sections');
  inst.x = new Float64Array(inst.dimension);
  inst.y = new Float64Array(inst.dimension);
  inst.demand = new Int32Array(inst.dimension);
}

/** Integer matrix of Euclidean distances rounded to the nearest integer (CVRPLIB convention). */
export function euclideanMatrix(x: Float64Array, y: Float64Array): Int32Array {
  const n = x.length;
  const m = new Int32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = x[i] - x[j];
      const dy = y[i] - y[j];
      const d = Math.round(Math.sqrt(dx * dx + dy * dy));
      m[i * n + j] = d;
      m[j * n + i] = d;
    }
  }
  return m;
}

/** One vehicle type with fixed cost 0 and unit distance cost; pure-distance objective. */
export function cvrplibToProblem(inst: CvrplibInstance): RoutingProblem {
  const demand = inst.demand.slice();
  demand[inst.depot] = 0;
  return {
    depot: inst.depot,
    n: inst.dimension,
    demand,
    distance: euclideanMatrix(inst.x, inst.y),
    vehicleTypes: [{ id: 'vehicle', capacity: inst.capacity, fixedCost: 0, perDistanceCost: 1 }],
    maxRouteDistance: inst.maxDistance,
    objective: 'cost',
  };
}
