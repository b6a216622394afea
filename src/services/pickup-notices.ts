import type { Principal } from '../auth/api-keys';
import { assertBatchVisible, assertTripVisible } from '../auth/access';
import type { NoticeView, TripNoticesAnswer } from '../contracts/pickup-notices';
import type { PersonalDataCipher } from '../crypto/personal-data';
import { getBatch } from '../db/batches-repo';
import type { Database } from '../db/database';
import { readNoticeData, type NoticeRecipient } from '../db/notice-queries';
import type { StoredTrip } from '../db/plan-queries';
import type { BatchRow } from '../db/schema';
import type { NoticeLang } from '../domain/notices/notice-policy';
import { noticeWriter, type NoticeTrip } from '../domain/notices/pickup-notice';
import type { Places } from '../domain/reference/places';
import type { Policies } from '../reference/load-fixtures';

export interface NoticeDeps {
  db: Database;
  cipher: PersonalDataCipher;
  policies: Policies;
  places: () => Promise<Places>;
}

const noticeTrip = (t: StoredTrip): NoticeTrip => ({
  key: t.key,
  label: t.label,
  countyCode: t.county_code,
  factoryId: t.factory_id,
  departAt: t.depart_at.toISOString(),
  legs: t.legs,
});

/** Each recipient's notice, in the recipients' order; the phone decrypted for the SMS platform. */
async function write(
  deps: NoticeDeps,
  trips: readonly StoredTrip[],
  recipients: readonly NoticeRecipient[],
  lang: NoticeLang,
): Promise<NoticeView[]> {
  const { notices, health, planner } = deps.policies;
  const setting = { policy: notices, health, places: await deps.places(), utcOffsetMin: planner.utcOffsetMin };
  const writer = noticeWriter(setting, lang);
  const byId = new Map(trips.map((t) => [t.id, noticeTrip(t)]));
  return recipients.map((r) => {
    // Read in one snapshot with the trips (readNoticeData): every recipient's trip is among them.
    const n = writer(byId.get(r.trip_id)!, { workerId: r.worker_id, name: r.name });
    return { ...n, name: r.name, phone: deps.cipher.decrypt(r.phone_enc) };
  });
}

/**
 * The notices of one trip. Callers admit only dispatchers (and admin): the trip must lie in the key's counties,
 * else it answers like a trip that does not exist.
 */
export async function tripNotices(
  deps: NoticeDeps,
  principal: Principal,
  tripId: string,
  lang: NoticeLang,
): Promise<TripNoticesAnswer> {
  const { trips, recipients } = await readNoticeData(deps.db, { tripId });
  const trip = trips[0];
  assertTripVisible(principal, trip);
  return {
    trip: { id: trip.id, batchId: trip.batch_id, key: trip.key, label: trip.label },
    lang,
    maxLength: deps.policies.notices.maxLength[lang],
    notices: await write(deps, trips, recipients, lang),
  };
}

/** The notices of every trip of a batch, by trip then row; the batch must lie in the key's counties. */
export async function batchNotices(
  deps: NoticeDeps,
  principal: Principal,
  batchId: string,
  lang: NoticeLang,
): Promise<{ batch: BatchRow; notices: NoticeView[] }> {
  const batch = await getBatch(deps.db, batchId);
  assertBatchVisible(principal, batch);
  const { trips, recipients } = await readNoticeData(deps.db, { batchId });
  return { batch, notices: await write(deps, trips, recipients, lang) };
}
