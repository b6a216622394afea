import { greatCircleProvider } from '../../../src/domain/geo/distance';
import type { PlanWorker } from '../../../src/domain/planning/plan-input';
import type { Places } from '../../../src/domain/reference/places';
import { osrmDistance, osrmMatrixProvider } from '../../../src/geo/osrm-distance';

describe('the OSRM table distance provider', () => {
  const a = { lon: 114.09, lat: 40.42 },
    b = { lon: 114.2, lat: 40.5 },
    far = { lon: 120, lat: 36 };
  const fallback = greatCircleProvider({ road: 1.3, rail: 1.25 });

  it('fetches one matrix for the points and answers road distances from it, the rest from the fallback', async () => {
    const urls: string[] = [];
    const d = await osrmMatrixProvider('http://osrm:5000/', [a, b, a], fallback, async (url: string) => {
      urls.push(url);
      return {
        code: 'Ok',
        distances: [
          [0, 12345.4],
          [12001, 0],
        ],
      };
    });
    expect(urls).toEqual([
      'http://osrm:5000/table/v1/driving/114.09000,40.42000;114.20000,40.50000?annotations=distance',
    ]);
    expect(d.metres(a, b, 'road')).toBe(12345);
    expect(d.metres(b, a, 'road')).toBe(12001);
    expect(d.metres(a, far, 'road')).toBe(fallback.metres(a, far, 'road'));
    expect(d.metres(a, b, 'rail')).toBe(fallback.metres(a, b, 'rail'));
  });

  it('fails loudly when the server does not answer Ok', async () => {
    await expect(
      osrmMatrixProvider('http://osrm', [a, b], fallback, async () => ({ code: 'InvalidQuery' })),
    ).rejects.toThrow(/InvalidQuery/);
  });

  it("asks one table per planning job, over the job's workers, their factories and the hubs", async () => {
    const urls: string[] = [];
    const worker = { id: 'w1', factoryId: 'f1', lon: a.lon, lat: a.lat } as PlanWorker;
    const places = {
      factories: [
        { id: 'f1', lon: b.lon, lat: b.lat },
        { id: 'f2', lon: 1, lat: 1 },
      ],
      hubs: [{ lon: far.lon, lat: far.lat }],
    } as unknown as Places;
    const source = osrmDistance('http://osrm', { road: 1.3, rail: 1.25 }, async (url: string) => {
      urls.push(url);
      return { code: 'Ok', distances: [0, 1, 2].map(() => [0, 1, 2]) };
    });
    await source([worker], places);
    expect(urls).toEqual([
      'http://osrm/table/v1/driving/114.09000,40.42000;114.20000,40.50000;120.00000,36.00000?annotations=distance',
    ]);
  });
});
