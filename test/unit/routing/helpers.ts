import { euclideanMatrix } from '../../../src/domain/routing/cvrplib';
import { Rng } from '../../../src/domain/routing/prng';
import type { RoutingProblem, VehicleType } from '../../../src/domain/routing/problem';

/** Random Euclidean instance: depot 0 at the centre, customers in a 1000×1000 square. */
export function randomProblem(customers: number, seed: number, capacity = 100, types?: VehicleType[]): RoutingProblem {
  const rng = new Rng(seed);
  const n = customers + 1;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const demand = new Int32Array(n);
  x[0] = 500;
  y[0] = 500;
  for (let i = 1; i < n; i++) {
    x[i] = rng.int(1001);
    y[i] = rng.int(1001);
    demand[i] = 1 + rng.int(30);
  }
  return {
    depot: 0,
    n,
    demand,
    distance: euclideanMatrix(x, y),
    vehicleTypes: types ?? [{ id: 'v', capacity, fixedCost: 0, perDistanceCost: 1 }],
    objective: 'cost',
  };
}
