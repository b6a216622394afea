import type { Places } from '../domain/reference/places';
import { sql, type Transaction } from 'kysely';
import type { Database } from './database';
import type { DB } from './schema';

type PlaceTable = 'provinces' | 'counties' | 'villages' | 'factories' | 'hubs';

/** Inserts rows in chunks, updating every other column of a row whose key already exists. */
async function upsert(
  tx: Transaction<DB>,
  table: PlaceTable,
  key: 'code' | 'id',
  rows: Record<string, unknown>[],
): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]).filter((c) => c !== key);
  for (let i = 0; i < rows.length; i += 500) {
    await tx
      .insertInto(table)
      .values(rows.slice(i, i + 500) as never)
      .onConflict((oc) =>
        oc
          .column(key as never)
          .doUpdateSet(Object.fromEntries(columns.map((c) => [c, sql.ref(`excluded.${c}`)])) as never),
      )
      .execute();
  }
}

/** Upserts the reference places in one transaction, so a half-loaded gazetteer is never visible. */
export async function upsertPlaces(db: Database, p: Places): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await upsert(
      tx,
      'provinces',
      'code',
      p.provinces.map((r) => ({ code: r.code, name: r.name, name_en: r.nameEn })),
    );
    await upsert(
      tx,
      'counties',
      'code',
      p.counties.map((r) => ({
        code: r.code,
        name: r.name,
        name_en: r.nameEn,
        province_code: r.provinceCode,
        city: r.city,
      })),
    );
    await upsert(
      tx,
      'villages',
      'id',
      p.villages.map((r) => ({
        id: r.id,
        county_code: r.countyCode,
        name: r.name,
        name_en: r.nameEn,
        lon: r.lon,
        lat: r.lat,
      })),
    );
    await upsert(
      tx,
      'factories',
      'id',
      p.factories.map((r) => ({
        id: r.id,
        name: r.name,
        name_en: r.nameEn,
        province_code: r.provinceCode,
        city: r.city,
        lon: r.lon,
        lat: r.lat,
      })),
    );
    await upsert(
      tx,
      'hubs',
      'id',
      p.hubs.map((r) => ({
        id: r.id,
        kind: r.kind,
        code: r.code,
        name: r.name,
        name_en: r.nameEn,
        province_code: r.provinceCode,
        city: r.city,
        lon: r.lon,
        lat: r.lat,
      })),
    );
  });
}

export async function hasPlaces(db: Database): Promise<boolean> {
  return (await db.selectFrom('factories').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** The gazetteer as the planner sees it. */
export async function readPlaces(db: Database): Promise<Places> {
  const [provinces, counties, villages, factories, hubs] = await Promise.all([
    db.selectFrom('provinces').selectAll().orderBy('code').execute(),
    db.selectFrom('counties').selectAll().orderBy('code').execute(),
    db.selectFrom('villages').selectAll().orderBy('id').execute(),
    db.selectFrom('factories').selectAll().orderBy('id').execute(),
    db.selectFrom('hubs').selectAll().orderBy('id').execute(),
  ]);
  return {
    provinces: provinces.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en })),
    counties: counties.map((r) => ({
      code: r.code,
      name: r.name,
      nameEn: r.name_en,
      provinceCode: r.province_code,
      city: r.city,
    })),
    villages: villages.map((r) => ({
      id: r.id,
      countyCode: r.county_code,
      name: r.name,
      nameEn: r.name_en,
      lon: r.lon,
      lat: r.lat,
    })),
    factories: factories.map((r) => ({
      id: r.id,
      name: r.name,
      nameEn: r.name_en,
      provinceCode: r.province_code,
      city: r.city,
      lon: r.lon,
      lat: r.lat,
    })),
    hubs: hubs.map((r) => ({
      id: r.id,
      kind: r.kind,
      code: r.code,
      name: r.name,
      nameEn: r.name_en,
      provinceCode: r.province_code,
      city: r.city,
      lon: r.lon,
      lat: r.lat,
    })),
  };
}
