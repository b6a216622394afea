import { sql, type Transaction } from 'kysely';
import type { CountyAlias } from '../domain/reference/national';
import type { County, Factory, Hub, Places, Province, Village } from '../domain/reference/places';
import type { Database } from './database';
import type { DB } from './schema';

type PlaceTable = 'provinces' | 'counties' | 'villages' | 'factories' | 'hubs' | 'county_aliases';

/**
 * Inserts rows in chunks, updating every other column of a row whose key already exists. A null in a column
 * of `keepWhenNull` leaves the stored value: the sample gazetteer names counties without seats, and loading it
 * must not erase the national seats.
 */
async function upsert(
  tx: Transaction<DB>,
  table: PlaceTable,
  key: string,
  rows: Record<string, unknown>[],
  keepWhenNull: string[] = [],
): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]).filter((c) => c !== key);
  const value = (c: string) =>
    keepWhenNull.includes(c)
      ? sql`COALESCE(${sql.ref(`excluded.${c}`)}, ${sql.ref(`${table}.${c}`)})`
      : sql.ref(`excluded.${c}`);
  for (let i = 0; i < rows.length; i += 500) {
    await tx
      .insertInto(table)
      .values(rows.slice(i, i + 500) as never)
      .onConflict((oc) =>
        oc.column(key as never).doUpdateSet(Object.fromEntries(columns.map((c) => [c, value(c)])) as never),
      )
      .execute();
  }
}

const countyRow = (r: County) => ({
  code: r.code,
  name: r.name,
  name_en: r.nameEn,
  province_code: r.provinceCode,
  city: r.city,
  prefecture_code: r.prefectureCode ?? null,
  seat_lon: r.lon ?? null,
  seat_lat: r.lat ?? null,
  seat_approximate: r.seatApproximate ?? false,
});
const SEAT_COLUMNS = ['prefecture_code', 'seat_lon', 'seat_lat'];

export const factoryRow = (r: Factory) => ({
  id: r.id,
  name: r.name,
  name_en: r.nameEn,
  province_code: r.provinceCode,
  city: r.city,
  lon: r.lon,
  lat: r.lat,
  county_code: r.countyCode ?? null,
  address: r.address ?? null,
  contact: r.contact ?? null,
  gate: r.gate ?? null,
});
const FACTORY_DETAILS = ['county_code', 'address', 'contact', 'gate'];

/** Any part of a gazetteer: a file may hold only stations, or only factories. */
export interface PlacesUpdate {
  provinces?: Province[];
  counties?: County[];
  villages?: Village[];
  factories?: Factory[];
  hubs?: Hub[];
  aliases?: CountyAlias[];
}

/** Upserts reference places in one transaction, so a half-loaded gazetteer is never visible. */
export async function upsertPlaces(db: Database, p: PlacesUpdate): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const provinces = (p.provinces ?? []).map((r) => ({ code: r.code, name: r.name, name_en: r.nameEn }));
    await upsert(tx, 'provinces', 'code', provinces);
    await upsert(tx, 'counties', 'code', (p.counties ?? []).map(countyRow), SEAT_COLUMNS);
    const aliases = (p.aliases ?? []).map((a) => ({ from_code: a.from, to_code: a.to }));
    await upsert(tx, 'county_aliases', 'from_code', aliases);
    const villages = (p.villages ?? []).map((r) => ({
      id: r.id,
      county_code: r.countyCode,
      name: r.name,
      name_en: r.nameEn,
      lon: r.lon,
      lat: r.lat,
    }));
    await upsert(tx, 'villages', 'id', villages);
    await upsert(tx, 'factories', 'id', (p.factories ?? []).map(factoryRow), FACTORY_DETAILS);
    await upsert(tx, 'hubs', 'id', (p.hubs ?? []).map(hubRow));
  });
}

const hubRow = (r: Hub) => ({
  id: r.id,
  kind: r.kind,
  code: r.code,
  name: r.name,
  name_en: r.nameEn,
  province_code: r.provinceCode,
  city: r.city,
  lon: r.lon,
  lat: r.lat,
  approximate: r.approximate ?? false,
});

export async function hasPlaces(db: Database): Promise<boolean> {
  return (await db.selectFrom('factories').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function countCounties(db: Database): Promise<number> {
  const row = await db
    .selectFrom('counties')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const readCountyRows = (db: Database) => db.selectFrom('counties').selectAll().orderBy('code').execute();
const toCounty = (r: Awaited<ReturnType<typeof readCountyRows>>[number]): County => ({
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  provinceCode: r.province_code,
  city: r.city,
  ...(r.prefecture_code ? { prefectureCode: r.prefecture_code } : {}),
  ...(r.seat_lon !== null && r.seat_lat !== null
    ? { lon: r.seat_lon, lat: r.seat_lat, seatApproximate: r.seat_approximate }
    : {}),
});

const readHubRows = (db: Database) => db.selectFrom('hubs').selectAll().orderBy('id').execute();
const toHub = (r: Awaited<ReturnType<typeof readHubRows>>[number]): Hub => ({
  id: r.id,
  kind: r.kind,
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  provinceCode: r.province_code,
  city: r.city,
  lon: r.lon,
  lat: r.lat,
  ...(r.approximate ? { approximate: true } : {}),
});

const readFactoryRows = (db: Database) => db.selectFrom('factories').selectAll().orderBy('id').execute();
const toFactory = (r: Awaited<ReturnType<typeof readFactoryRows>>[number]): Factory => ({
  id: r.id,
  name: r.name,
  nameEn: r.name_en,
  provinceCode: r.province_code,
  city: r.city,
  lon: r.lon,
  lat: r.lat,
  ...(r.county_code ? { countyCode: r.county_code } : {}),
  ...(r.address ? { address: r.address } : {}),
  ...(r.contact ? { contact: r.contact } : {}),
  ...(r.gate ? { gate: r.gate } : {}),
});

/** The gazetteer as the planner sees it. */
export async function readPlaces(db: Database): Promise<Places> {
  const [provinces, counties, villages, factories, hubs] = await Promise.all([
    db.selectFrom('provinces').selectAll().orderBy('code').execute(),
    readCountyRows(db),
    db.selectFrom('villages').selectAll().orderBy('id').execute(),
    readFactoryRows(db),
    readHubRows(db),
  ]);
  return {
    provinces: provinces.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en })),
    counties: counties.map(toCounty),
    villages: villages.map((r) => ({
      id: r.id,
      countyCode: r.county_code,
      name: r.name,
      nameEn: r.name_en,
      lon: r.lon,
      lat: r.lat,
    })),
    factories: factories.map(toFactory),
    hubs: hubs.map(toHub),
  };
}

/** Older county codes and the codes they are today. */
export async function readCountyAliases(db: Database): Promise<Map<string, string>> {
  const rows = await db.selectFrom('county_aliases').selectAll().execute();
  return new Map(rows.map((r) => [r.from_code.trim(), r.to_code.trim()]));
}

export interface Page {
  limit: number;
  offset: number;
}
const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Counties by code prefix, Chinese name or pinyin, in a province if given; the total and one page. */
export async function searchCounties(db: Database, f: Page & { q?: string; province?: string }) {
  let q = db.selectFrom('counties');
  if (f.province) q = q.where('province_code', '=', f.province);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) =>
      eb.or([
        eb('code', 'like', `${text.replace(/\D/g, '') || '-'}%`),
        eb('name', 'like', like(text)),
        eb(sql`lower(name_en)`, 'like', like(text.toLowerCase())),
        eb(sql`lower(replace(name_en, ' ', ''))`, 'like', like(text.toLowerCase().replace(/\s/g, ''))),
      ]),
    );
  }
  const [total, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    q.selectAll().orderBy('code').limit(f.limit).offset(f.offset).execute(),
  ]);
  return { total: Number(total.n), items: rows.map(toCounty) };
}

/** Stations and airports by code, Chinese name or English name, of one kind if given. */
export async function searchHubs(db: Database, f: Page & { q?: string; kind?: Hub['kind'] }) {
  let q = db.selectFrom('hubs');
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(code)`, '=', text.toLowerCase()),
        eb('name', 'like', like(text)),
        eb(sql`lower(name_en)`, 'like', like(text.toLowerCase())),
        eb('city', 'like', like(text)),
      ]),
    );
  }
  const [total, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    q.selectAll().orderBy('kind').orderBy('id').limit(f.limit).offset(f.offset).execute(),
  ]);
  return { total: Number(total.n), items: rows.map(toHub) };
}

/** An admin's corrections of the national data: a county's name or seat, a hub added or replaced. */
export async function correctCounty(
  db: Database,
  code: string,
  c: { name?: string; nameEn?: string; lon: number; lat: number; seatApproximate: boolean },
): Promise<boolean> {
  const r = await db
    .updateTable('counties')
    .set({
      ...(c.name ? { name: c.name } : {}),
      ...(c.nameEn ? { name_en: c.nameEn } : {}),
      seat_lon: c.lon,
      seat_lat: c.lat,
      seat_approximate: c.seatApproximate,
    })
    .where('code', '=', code)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
