import { Router } from 'express';
import { stringify } from 'csv-stringify/sync';
import { readTrip, readTripManifest } from '../../db/plan-queries';
import type { PassengerChecks } from '../../domain/health/health-checks';
import type { PlanLeg } from '../../domain/planning/plan-schema';
import { safeCell } from '../../export/csv-safe';
import { assertTripVisible, parseId } from '../../auth/access';
import type { ApiDeps } from '../deps';

const HEADER = [
  'seat',
  'name',
  'idNumber',
  'phone',
  'village',
  'healthCode',
  'familyId',
  'boardsAt',
  'boardingTime',
  'feederBus',
  // The check list: before the trip (code issuer and recognition, nucleic-acid test) and at the door.
  'codeIssuer',
  'codeRecognised',
  'nucleicTestRequired',
  'nucleicTestAt',
  'nucleicTestValid',
  'boardingTemperatureC',
  'boardingMask',
  'boardingPassed',
];

/** A passenger's check list as manifest cells; the boarding cells stay empty until the check is made. */
const checkCells = (c: PassengerChecks): (string | number | boolean)[] => [
  c.issuer,
  c.recognised,
  c.nucleicTest.required,
  c.nucleicTest.takenAt ?? '',
  c.nucleicTest.validAtDeparture,
  c.boarding?.temperatureC ?? '',
  c.boarding?.mask ?? '',
  c.boarding?.passed ?? '',
];

/** Where and when each passenger boards: the first leg that carries them. */
function boardingOf(legs: readonly PlanLeg[]): Map<string, { stop: string; time: string; bus: string }> {
  const out = new Map<string, { stop: string; time: string; bus: string }>();
  for (const leg of legs)
    for (const stop of leg.stops)
      for (const id of stop.boarding) {
        if (!out.has(id))
          out.set(id, {
            stop: stop.name,
            time: stop.departAt ?? '',
            bus: leg.kind === 'first-mile' ? `${leg.seq + 1}` : '',
          });
      }
  return out;
}

export function tripRoutes(deps: ApiDeps): Router {
  const r = Router();
  r.get('/trips/:id/manifest.csv', async (req, res) => {
    const trip = await readTrip(deps.db, parseId(req.params.id, 'trip'));
    assertTripVisible(res.locals.principal, trip);
    const boarding = boardingOf(trip.legs);
    const rows = (await readTripManifest(deps.db, trip.id)).map((p, i) => {
      const b = boarding.get(p.id);
      return [
        i + 1,
        p.name,
        p.id_masked ?? '',
        p.phone_masked ?? '',
        p.village,
        p.health_code,
        p.family_id ?? '',
        b?.stop ?? '',
        b?.time ?? '',
        b?.bus ?? '',
        ...checkCells(p.checks),
      ].map(safeCell);
    });
    res.type('text/csv; charset=utf-8').attachment(`manifest-${trip.key}.csv`);
    res.send('\uFEFF' + stringify([HEADER, ...rows]));
  });
  return r;
}
