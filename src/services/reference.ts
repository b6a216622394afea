import { randomBytes } from 'node:crypto';
import type { Principal } from '../auth/api-keys';
import { allows, countyScope, factoryScope } from '../auth/policy';
import type { Clock } from '../clock';
import type {
  CountyCorrection,
  CountySearch,
  FactoryRegistration,
  FactoryUpdate,
  HubBody,
  HubSearch,
} from '../contracts/reference';
import type { Database } from '../db/database';
import { factoriesRepo } from '../db/factories-repo';
import { correctCounty, readPlaces, searchCounties, searchHubs, upsertPlaces } from '../db/reference-repo';
import { PlacesFileSchema, placesProblems, type Factory, type Places } from '../domain/reference/places';
import { factoryPlacementProblem } from '../domain/reference/registration-policy';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { Policies } from '../reference/load-fixtures';

export interface ReferenceDeps {
  db: Database;
  clock: Clock;
  places: () => Promise<Places>;
  policies: Pick<Policies, 'registration'>;
  /** Tells this process's reference cache that the gazetteer changed (others re-read within its TTL). */
  referenceChanged: () => void;
}

export const findCounties = (deps: ReferenceDeps, q: CountySearch) => searchCounties(deps.db, q);
export const findHubs = (deps: ReferenceDeps, q: HubSearch) => searchHubs(deps.db, q);

export async function correctCountySeat(deps: ReferenceDeps, code: string, c: CountyCorrection) {
  if (!(await correctCounty(deps.db, code, c))) throw new NotFoundError('county');
  deps.referenceChanged();
  return (await searchCounties(deps.db, { q: code, limit: 1, offset: 0 })).items[0];
}

export async function putHub(deps: ReferenceDeps, id: string, h: HubBody) {
  await upsertPlaces(deps.db, { hubs: [{ id, ...h }] });
  deps.referenceChanged();
  return { id, ...h };
}

const factoryView = (f: Awaited<ReturnType<ReturnType<typeof factoriesRepo>['list']>>[number]) => ({
  id: f.id,
  name: f.name,
  nameEn: f.name_en,
  countyCode: f.county_code,
  provinceCode: f.province_code,
  city: f.city,
  lon: f.lon,
  lat: f.lat,
  address: f.address,
  contact: f.contact,
  gate: f.gate,
  registeredAt: f.registered_at?.toISOString() ?? null,
});

/**
 * Registers a factory in a county: admins anywhere, dispatchers in their counties. The county must be known
 * and the coordinates near its seat (policy data), so a swapped latitude cannot put a factory in the sea.
 */
export async function registerFactory(deps: ReferenceDeps, p: Principal, f: FactoryRegistration) {
  if (p.role !== 'admin' && !(p.role === 'dispatcher' && allows(countyScope(p), f.countyCode)))
    throw new ForbiddenError(
      `only an admin or a dispatcher of county ${f.countyCode} registers factories there`,
    ).because('factory_county_forbidden', { countyCode: f.countyCode });
  const county = (await deps.places()).counties.find((c) => c.code === f.countyCode);
  if (!county)
    throw new ValidationError('unknown county', [
      { row: 0, field: 'countyCode', message: `county ${f.countyCode} is unknown: search /reference/counties` },
    ]).because('county_unknown', { countyCode: f.countyCode });
  const problem = factoryPlacementProblem(deps.policies.registration, county, f);
  if (problem)
    throw new ValidationError('the factory lies too far from its county', [
      { row: 0, field: 'lon', message: problem },
    ]).because('factory_too_far', { countyCode: f.countyCode });
  const repo = factoriesRepo(deps.db);
  for (let attempt = 0; attempt < 5; attempt++) {
    const factory: Factory = {
      id: `f-${f.countyCode}-${randomBytes(3).toString('hex')}`,
      name: f.name,
      nameEn: f.nameEn ?? f.name,
      provinceCode: county.provinceCode,
      city: county.city,
      lon: f.lon,
      lat: f.lat,
      countyCode: f.countyCode,
      ...(f.address ? { address: f.address } : {}),
      ...(f.contact ? { contact: f.contact } : {}),
      ...(f.gate ? { gate: f.gate } : {}),
    };
    if (await repo.insert(factory, p.keyId, deps.clock.now())) {
      deps.referenceChanged();
      return factoryView((await repo.find(factory.id))!);
    }
  }
  throw new Error('could not pick a free factory id');
}

/** An enterprise keeps its factory's address, contact and gate details; its county's dispatchers and admins may too. */
export async function updateFactory(deps: ReferenceDeps, p: Principal, id: string, u: FactoryUpdate) {
  const repo = factoriesRepo(deps.db);
  const f = await repo.find(id);
  const mine =
    f && (allows(factoryScope(p), f.id) || (p.role !== 'enterprise' && allows(countyScope(p), f.county_code ?? '')));
  if (!f || !mine) throw new NotFoundError('factory');
  if (p.role === 'finance')
    throw new ForbiddenError('finance keys do not edit factories').because('finance_edits_no_factories');
  await repo.updateDetails(id, u);
  deps.referenceChanged();
  return factoryView((await repo.find(id))!);
}

/** The factories a key may see: its own (enterprise), its counties' (dispatcher, finance), all (admin). */
export async function listFactories(deps: ReferenceDeps, p: Principal) {
  const rows = await factoriesRepo(deps.db).list({ counties: countyScope(p), factories: factoryScope(p) });
  return { factories: rows.map(factoryView) };
}

/**
 * Loads a file of places (any sections) after checking it whole: its shape (docs/places.schema.json), and that
 * every province and county it names is in the file or already loaded. Nothing is stored unless all of it is.
 */
export async function loadPlacesFile(deps: Pick<ReferenceDeps, 'db'>, raw: unknown, source: string) {
  const parsed = PlacesFileSchema.safeParse(raw);
  const issues = parsed.success
    ? placesProblems(parsed.data, await knownCodes(deps.db))
    : parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));
  if (!parsed.success || issues.length) {
    const lines = issues.slice(0, 30).map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`);
    const more = issues.length > 30 ? `\n  … and ${issues.length - 30} more` : '';
    throw new ValidationError(
      `${source}: ${issues.length} problem(s), nothing loaded:\n${lines.join('\n')}${more}`,
    ).because('reference_load_failed', { source, count: issues.length });
  }
  await upsertPlaces(deps.db, parsed.data);
  return Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k, v?.length ?? 0]));
}

async function knownCodes(db: Database) {
  const places = await readPlaces(db);
  return {
    provinces: new Set(places.provinces.map((p) => p.code)),
    counties: new Set(places.counties.map((c) => c.code)),
  };
}
