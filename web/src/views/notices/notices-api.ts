import { getJson, request } from '../../lib/api';
import { fileNameOf, saveBlob } from '../../lib/download';
import type { TripNoticesAnswer } from '../../lib/types';

export type NoticeLang = TripNoticesAnswer['lang'];

export const loadTripNotices = (tripId: string, lang: NoticeLang, signal?: AbortSignal): Promise<TripNoticesAnswer> =>
  getJson<TripNoticesAnswer>(`/trips/${tripId}/notices?lang=${lang}`, { signal });

/** Fetches a CSV with the key and saves it under the server's file name; answers the name. */
async function saveCsv(path: string, fallback: string): Promise<string> {
  const res = await request(path, { headers: { accept: 'text/csv' } });
  const name = fileNameOf(res.headers.get('content-disposition'), fallback);
  saveBlob(await res.blob(), name);
  return name;
}

/** GET /trips/:id/notices.csv: the trip's notices for the county's SMS platform. */
export const downloadTripNotices = (tripId: string, tripName: string, lang: NoticeLang = 'zh'): Promise<string> =>
  saveCsv(`/trips/${tripId}/notices.csv?lang=${lang}`, `notices-${tripName}.csv`);

/** GET /batches/:id/notices.csv: every trip's notices of the batch. */
export const downloadBatchNotices = (batchId: string): Promise<string> =>
  saveCsv(`/batches/${batchId}/notices.csv`, `notices-batch-${batchId.slice(0, 8)}.csv`);
