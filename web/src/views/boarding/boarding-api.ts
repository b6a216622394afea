import { getJson } from '../../lib/api';
import type { BoardingAnswer, BoardingCheck, BoardingView } from '../../lib/types';

/** GET /trips/:id/boarding: the checks recorded on the trip, who left with them, the rules. */
export const loadBoarding = (tripId: string, signal?: AbortSignal): Promise<BoardingView> =>
  getJson<BoardingView>(`/trips/${tripId}/boarding`, { signal });

/** POST /trips/:id/boarding: records the checks, all or none. */
export const recordChecks = (tripId: string, checks: BoardingCheck[]): Promise<BoardingAnswer> =>
  getJson<BoardingAnswer>(`/trips/${tripId}/boarding`, { method: 'POST', json: { checks } });
