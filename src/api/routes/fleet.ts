import express, { Router } from 'express';
import { parseId } from '../../auth/access';
import { CrewInputSchema, DriverInputSchema, OperatorInputSchema, VehicleInputSchema } from '../../contracts/fleet';
import { parseBody } from '../../contracts/parse';
import { NotFoundError } from '../../errors';
import { driverManifest } from '../../services/driver-manifest';
import {
  assignCrew,
  createDriver,
  createOperator,
  createVehicle,
  drivers,
  operators,
  tripCrew,
  vehicles,
} from '../../services/fleet';
import type { ApiDeps } from '../deps';
import { requireRole } from '../middleware/auth';

const legSeqOf = (raw: string): number => {
  if (!/^\d{1,3}$/.test(raw)) throw new NotFoundError('leg');
  return Number(raw);
};

/**
 * Fleet and crew, for the dispatchers of a county (and admin; other roles 403): operators, vehicles and drivers,
 * a leg's crew, and the driver's manifest (the one answer with drivers' and passengers' full phone numbers).
 */
export function fleetRoutes(deps: ApiDeps): Router {
  const r = Router();
  const dispatcher = requireRole('dispatcher');
  const json = express.json({ limit: '64kb' });
  r.post('/fleet/operators', dispatcher, json, async (req, res) => {
    const input = parseBody(OperatorInputSchema, req.body, { message: 'invalid operator' });
    res.status(201).json(await createOperator(deps, res.locals.principal, input));
  });
  r.get('/fleet/operators', dispatcher, async (_req, res) => {
    res.json({ items: await operators(deps, res.locals.principal) });
  });
  r.post('/fleet/vehicles', dispatcher, json, async (req, res) => {
    const input = parseBody(VehicleInputSchema, req.body, { message: 'invalid vehicle' });
    res.status(201).json(await createVehicle(deps, res.locals.principal, input));
  });
  r.get('/fleet/vehicles', dispatcher, async (_req, res) => {
    res.json({ items: await vehicles(deps, res.locals.principal) });
  });
  r.post('/fleet/drivers', dispatcher, json, async (req, res) => {
    const input = parseBody(DriverInputSchema, req.body, { message: 'invalid driver' });
    res.status(201).json(await createDriver(deps, res.locals.principal, input));
  });
  r.get('/fleet/drivers', dispatcher, async (_req, res) => {
    res.json({ items: await drivers(deps, res.locals.principal) });
  });
  r.get('/trips/:id/crew', dispatcher, async (req, res) => {
    res.json(await tripCrew(deps, res.locals.principal, parseId(req.params.id, 'trip')));
  });
  r.put('/trips/:id/legs/:seq/crew', dispatcher, json, async (req, res) => {
    const at = { tripId: parseId(req.params.id, 'trip'), legSeq: legSeqOf(String(req.params.seq)) };
    const input = parseBody(CrewInputSchema, req.body, { message: 'invalid crew' });
    res.json(await assignCrew(deps, res.locals.principal, at, input));
  });
  r.get('/trips/:id/driver-manifest', dispatcher, async (req, res) => {
    res.json(await driverManifest(deps, res.locals.principal, parseId(req.params.id, 'trip')));
  });
  return r;
}
