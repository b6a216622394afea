import { getJson, sendJson } from '../../lib/api';
import type {
  DriverManifest,
  DriverView,
  LegCrewView,
  OperatorView,
  TripCrewAnswer,
  VehicleView,
} from '../../../../src/contracts/fleet';

export type { DriverManifest, DriverView, LegCrewView, OperatorView, TripCrewAnswer, VehicleView };
export type FleetKind = 'operators' | 'vehicles' | 'drivers';

/** The county's fleet as the API answers it (phones masked). */
export const listFleet = <T>(kind: FleetKind, signal?: AbortSignal): Promise<T[]> =>
  getJson<{ items: T[] }>(`/fleet/${kind}`, { signal }).then((a) => a.items);

export const addFleet = <T>(kind: FleetKind, body: unknown): Promise<T> => sendJson<T>('POST', `/fleet/${kind}`, body);

export const loadCrew = (tripId: string, signal?: AbortSignal): Promise<TripCrewAnswer> =>
  getJson<TripCrewAnswer>(`/trips/${tripId}/crew`, { signal });

export const assignCrew = (tripId: string, legSeq: number, body: { vehicleId: string; driverIds: string[] }) =>
  sendJson<LegCrewView>('PUT', `/trips/${tripId}/legs/${legSeq}/crew`, body);

/** The driver's manifest: stops, crew and everyone aboard with full phone numbers (dispatchers only). */
export const loadDriverManifest = (tripId: string, signal?: AbortSignal): Promise<DriverManifest> =>
  getJson<DriverManifest>(`/trips/${tripId}/driver-manifest`, { signal });
