import { cvrplibToProblem, parseCvrplib } from '../../../src/domain/routing/cvrplib';
import { validateSolution } from '../../../src/domain/routing';

const TEXT = `NAME : tiny
TYPE : CVRP
DIMENSION : 4
EDGE_WEIGHT_TYPE : EUC_2D
CAPACITY : 10
NODE_COORD_SECTION
1 0 0
2 3 4
3 0 1
4 1 1
DEMAND_SECTION
1 0
2 6
3 5
4 4
DEPOT_SECTION
1
-1
EOF
`;

describe('cvrplib', () => {
  it('parses headers, sections and builds rounded Euclidean distances', () => {
    const inst = parseCvrplib(TEXT);
    expect(inst.name).toBe('tiny');
    expect(inst.capacity).toBe(10);
    expect(inst.depot).toBe(0);
    expect(Array.from(inst.demand)).toEqual([0, 6, 5, 4]);
    const p = cvrplibToProblem(inst);
    const d = p.distance as Int32Array;
    expect(d[0 * 4 + 1]).toBe(5);
    expect(d[0 * 4 + 3]).toBe(1); // sqrt(2) = 1.41
    expect(d[1 * 4 + 2]).toBe(4); // sqrt(18) = 4.24
    expect(d[1 * 4 + 3]).toBe(4); // sqrt(13) = 3.61
  });

  it('validateSolution reports violations', () => {
    const p = cvrplibToProblem(parseCvrplib(TEXT));
    const bad = validateSolution(p, {
      routes: [{ vehicleType: 'vehicle', nodes: [1, 2] }],
      cost: 1,
      vehicles: 1,
      distance: 0,
    });
    expect(bad.some((m) => m.includes('exceeds capacity'))).toBe(true);
    expect(bad.some((m) => m.includes('customer 3 not served'))).toBe(true);
    expect(bad.some((m) => m.includes('reported cost'))).toBe(true);
  });
});
