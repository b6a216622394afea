import type { LonLat } from '../geo/distance';
import type { IntakePolicy } from './intake-policy';
import type { IntakeRowCode, IntakeRowParams } from './intake-code';
import type { IntakeRowError } from './row-error';
import type { WorkerRow } from './worker-row';

/**
 * The reference data the plausibility checks read: counties (with their seat's coordinates where the gazetteer
 * has them; `seatApproximate` when that is the prefecture's seat) and known villages.
 */
export interface IntakePlaces {
  counties: readonly { code: string; provinceCode: string; lon?: number; lat?: number; seatApproximate?: boolean }[];
  villages: readonly { countyCode: string; lon: number; lat: number }[];
}

/** What a submission's rows are checked against beyond their format. */
export interface IntakeSanity {
  policy: IntakePolicy;
  places: IntakePlaces;
  /** The clock's time: the top of the window of years. */
  now: Date;
}

const EARTH_KM = 6371.0088;
const rad = (d: number) => (d * Math.PI) / 180;
/** Great-circle (haversine) distance in km. */
function km(a: LonLat, b: LonLat): number {
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

interface CountyAnchors {
  provinceCode: string;
  /** The county's seat (exact) and its known villages. */
  points: LonLat[];
  /** The prefecture's seat standing in for the county's, used only when there is nothing nearer. */
  approximateSeat: LonLat | null;
}

const indexes = new WeakMap<IntakePlaces, Map<string, CountyAnchors>>();
function anchorsByCounty(places: IntakePlaces): Map<string, CountyAnchors> {
  let index = indexes.get(places);
  if (index) return index;
  index = new Map();
  for (const c of places.counties) {
    const seat = c.lon !== undefined && c.lat !== undefined ? { lon: c.lon, lat: c.lat } : null;
    index.set(c.code, {
      provinceCode: c.provinceCode,
      points: seat && !c.seatApproximate ? [seat] : [],
      approximateSeat: seat && c.seatApproximate ? seat : null,
    });
  }
  for (const v of places.villages) index.get(v.countyCode)?.points.push({ lon: v.lon, lat: v.lat });
  indexes.set(places, index);
  return index;
}

/** One problem of a row before its row number is known. */
interface Found {
  field: string;
  message: string;
  code: IntakeRowCode;
  params: IntakeRowParams;
}

const inBox = ([w, s, e, n]: readonly number[], p: LonLat) => p.lon >= w && p.lon <= e && p.lat >= s && p.lat <= n;

/** Home coordinates: inside mainland China, and near the home county (its seat, known villages or province box). */
function locationErrors(w: WorkerRow, s: IntakeSanity): Found[] {
  const { location } = s.policy;
  const p = { lon: w.lon, lat: w.lat };
  if (!inBox(location.mainland, p)) {
    const [west, south, east, north] = location.mainland;
    const out: Found[] = [];
    const code = 'coordinate_outside_china';
    if (p.lon < west || p.lon > east)
      out.push({
        field: 'lon',
        message: `longitude ${p.lon} lies outside mainland China (${west} to ${east})`,
        code,
        params: { value: p.lon, min: west, max: east },
      });
    if (p.lat < south || p.lat > north)
      out.push({
        field: 'lat',
        message: `latitude ${p.lat} lies outside mainland China (${south} to ${north})`,
        code,
        params: { value: p.lat, min: south, max: north },
      });
    return out;
  }
  const county = anchorsByCounty(s.places).get(w.countyCode);
  if (!county) return []; // an unknown county is reported by the reference check
  const near = (points: LonLat[], limit: number, what: string, approximate = 0): Found[] => {
    const nearest = Math.min(...points.map((a) => km(p, a)));
    const message = `(${p.lon}, ${p.lat}) lies ${Math.round(nearest)} km from ${what} of county ${w.countyCode}; at most ${limit} km`;
    const params = { km: Math.round(nearest), maxKm: limit, countyCode: w.countyCode, approximate };
    return nearest <= limit ? [] : [{ field: 'lon', message, code: 'too_far_from_county_seat', params }];
  };
  if (county.points.length)
    return near(
      county.points,
      location.maxKmFromCountyByProvince[county.provinceCode] ?? location.maxKmFromCounty,
      'the seat or nearest known village',
    );
  if (county.approximateSeat)
    return near([county.approximateSeat], location.maxKmFromApproximateSeat, 'the approximate seat', 1);
  const box = location.provinceBoxes[county.provinceCode];
  return !box || inBox(box, p)
    ? []
    : [
        {
          field: 'lon',
          message: `(${p.lon}, ${p.lat}) lies outside province ${county.provinceCode} of county ${w.countyCode}`,
          code: 'outside_home_province',
          params: { provinceCode: county.provinceCode, countyCode: w.countyCode },
        },
      ];
}

/** The local calendar date of an instant: [year, month, day]. */
function localDate(iso: string | Date, utcOffsetMin: number): [number, number, number] {
  const t = new Date((typeof iso === 'string' ? Date.parse(iso) : iso.getTime()) + utcOffsetMin * 60_000);
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

/** Departure and test dates in the policy's window of years (up to the clock's year + the years ahead). */
function dateErrors(w: WorkerRow, s: IntakeSanity, utcOffsetMin: number): Found[] {
  const first = s.policy.dateYears.firstYear;
  const last = localDate(s.now, utcOffsetMin)[0] + s.policy.dateYears.yearsAheadOfClock;
  const out: Found[] = [];
  for (const field of ['earliestDeparture', 'nucleicTestAt'] as const) {
    const v = w[field];
    if (!v) continue;
    const year = localDate(v, utcOffsetMin)[0];
    if (year < first || year > last)
      out.push({
        field,
        message: `${field} must lie in the years ${first} to ${last}`,
        code: 'date_year_range',
        params: { value: v, firstYear: first, lastYear: last },
      });
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The age the ID number's birth date gives on the local day of the earliest departure, within the working ages. */
function ageErrors(w: WorkerRow, s: IntakeSanity, utcOffsetMin: number): Found[] {
  const by = Number(w.idNumber.slice(6, 10)),
    bm = Number(w.idNumber.slice(10, 12)),
    bd = Number(w.idNumber.slice(12, 14));
  const [y, m, d] = localDate(w.earliestDeparture, utcOffsetMin);
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  const { min, max } = s.policy.workingAge;
  if (age >= min && age <= max) return [];
  const born = `${by}-${pad(bm)}-${pad(bd)}`;
  const when = `${y}-${pad(m)}-${pad(d)}`;
  if (age < 0)
    return [
      {
        field: 'idNumber',
        message: `the ID number's birth date ${born} lies after the departure (${when})`,
        code: 'birth_after_departure',
        params: { born, departure: when },
      },
    ];
  return [
    {
      field: 'idNumber',
      message: `the ID number's birth date ${born} makes the worker ${age} at departure (${when}); working age is ${min} to ${max}`,
      code: 'age_out_of_range',
      params: { born, departure: when, age, min, max },
    },
  ];
}

/**
 * Plausibility of rows that passed their format: home coordinates, dates in a sane window of years, and the
 * ID number's age at the earliest departure. Each problem names its row and field.
 */
export function sanityErrors(
  rows: readonly (WorkerRow | undefined)[],
  s: IntakeSanity,
  utcOffsetMin: number,
  rowOf: (index: number) => number = (i) => i + 1,
): IntakeRowError[] {
  const errors: IntakeRowError[] = [];
  rows.forEach((w, i) => {
    if (!w) return;
    const found = [...locationErrors(w, s), ...dateErrors(w, s, utcOffsetMin)];
    if (!found.some((e) => e.field === 'earliestDeparture')) found.push(...ageErrors(w, s, utcOffsetMin));
    for (const e of found) errors.push({ row: rowOf(i), ...e });
  });
  return errors;
}
