/**
 * Builds the national gazetteer files from the packages' records (see scripts/generate-reference.ts). Pure and
 * deterministic: the same inputs give the same bytes, so the committed fixture can be checked against a re-run.
 */
import { distance, point } from '@turf/turf';

export interface SourceArea {
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
}
export interface SourceFeature {
  /** The county's code in the map data's (older) vintage. */
  id: string | null;
  name: string;
  /** The county seat. */
  cp: [number, number] | null;
}
export interface SourceAirport {
  iata: string;
  icao: string;
  airport: string;
  latitude: number;
  longitude: number;
  type: string;
}
interface Division {
  code: string;
  name: string;
}

export interface GazetteerInput {
  provinces: Division[];
  cities: (Division & { provinceCode: string })[];
  areas: SourceArea[];
  features: SourceFeature[];
  airports: SourceAirport[];
  pinyin(text: string): string[];
  /** The province whose outline holds the point (null off every outline): border airports' seats can mislead. */
  provinceAt(lon: number, lat: number): string | null;
}

/** Official English names of the provinces (pinyin alone would give Shaanxi and Shanxi the same name). */
const PROVINCE_EN: Record<string, string> = {
  '11': 'Beijing', '12': 'Tianjin', '13': 'Hebei', '14': 'Shanxi', '15': 'Inner Mongolia', '21': 'Liaoning',
  '22': 'Jilin', '23': 'Heilongjiang', '31': 'Shanghai', '32': 'Jiangsu', '33': 'Zhejiang', '34': 'Anhui',
  '35': 'Fujian', '36': 'Jiangxi', '37': 'Shandong', '41': 'Henan', '42': 'Hubei', '43': 'Hunan', '44': 'Guangdong',
  '45': 'Guangxi', '46': 'Hainan', '50': 'Chongqing', '51': 'Sichuan', '52': 'Guizhou', '53': 'Yunnan', '54': 'Xizang',
  '61': 'Shaanxi', '62': 'Gansu', '63': 'Qinghai', '64': 'Ningxia', '65': 'Xinjiang',
}; // prettier-ignore

const SUFFIX_EN: [string, string][] = [
  ['自治县', 'Autonomous County'],
  ['自治旗', 'Autonomous Banner'],
  ['林区', 'Forestry District'],
  ['特区', 'Special District'],
  ['区', 'District'],
  ['县', 'County'],
  ['市', 'City'],
  ['旗', 'Banner'],
];
/** The 55 minority nationalities' names, as they appear inside autonomous divisions' names (longest first). */
const NATIONALITIES =
  '乌孜别克 柯尔克孜 维吾尔 哈萨克 塔吉克 俄罗斯 鄂温克 鄂伦春 达斡尔 塔塔尔 蒙古 布依 朝鲜 土家 哈尼 傈僳 拉祜 ' +
  '东乡 纳西 景颇 仫佬 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 德昂 保安 裕固 独龙 赫哲 门巴 珞巴 基诺 高山 回 藏 苗 彝 ' +
  '壮 满 侗 瑶 白 傣 黎 佤 畲 水 土 羌 怒 京';
/** A run of nationality names, each optionally followed by 族. */
const ETHNIC = new RegExp(`^(?:(?:${NATIONALITIES.split(' ').join('|')})族?)+$`, 'u');

/** "凉山彝族" → "凉山": the place name before the nationalities, keeping at least two characters. */
function stripEthnic(stem: string): string {
  for (let i = 2; i < stem.length; i++) if (ETHNIC.test(stem.slice(i))) return stem.slice(0, i);
  return stem;
}

/** "凉山彝族自治州" → "凉山", "临汾市" → "临汾", "阿拉善盟" → "阿拉善": how people name a place. */
export function shortName(name: string): string {
  const stem = name.replace(/(自治州|自治县|自治旗|地区|盟|市|县|区|旗)$/u, '');
  const bare = /自治[州县旗]$/u.test(name) ? stripEthnic(stem) : stem;
  return bare.length >= 2 ? bare : name.replace(/(市|地区)$/u, '') || name;
}

function englishName(name: string, pinyin: GazetteerInput['pinyin']): string {
  const [suffix, en] = SUFFIX_EN.find(([s]) => name.endsWith(s) && name.length > s.length) ?? ['', ''];
  let stem = name.slice(0, name.length - suffix.length);
  if (suffix.startsWith('自治')) stem = stripEthnic(stem);
  const word = pinyin(stem).join('');
  const cased = word.charAt(0).toUpperCase() + word.slice(1);
  return en ? `${cased} ${en}` : cased;
}

/** Rounded to 6 decimals (about 0.1 m), so the fixture does not carry the source's float noise. */
const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** One record per line: diffs of the fixture stay readable. */
const jsonLines = (rows: object[]) => `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;

interface Prefecture {
  code: string;
  name: string;
  provinceCode: string;
}

/**
 * The prefecture a county belongs to; municipalities' districts belong to the city, directly administered counties to
 * themselves.
 */
function prefectureOf(a: SourceArea, cities: Map<string, Division>, provinces: Map<string, Division>): Prefecture {
  const city = cities.get(a.cityCode);
  if (!city || city.name === '市辖区' || city.name === '县')
    return { code: a.cityCode, name: provinces.get(a.provinceCode)!.name, provinceCode: a.provinceCode };
  if (city.name.includes('直辖')) return { code: a.code, name: a.name, provinceCode: a.provinceCode };
  return { code: city.code, name: city.name, provinceCode: a.provinceCode };
}

/** The map feature of a county: same code, else the one feature of the same name in the same prefecture or province. */
function matchFeatures(areas: SourceArea[], features: SourceFeature[]) {
  const byId = new Map(features.filter((f) => f.id && f.cp).map((f) => [f.id!, f]));
  const byName = new Map<string, SourceFeature[]>();
  for (const f of features) if (f.cp) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
  const seat = new Map<string, { cp: [number, number]; via: 'code' | 'name'; id: string | null }>();
  for (const a of areas) {
    const same = byId.get(a.code);
    if (same && same.name === a.name) {
      seat.set(a.code, { cp: same.cp!, via: 'code', id: same.id });
      continue;
    }
    const named = byName.get(a.name) ?? [];
    const near =
      named.filter((f) => f.id?.startsWith(a.cityCode)).length === 1
        ? named.filter((f) => f.id?.startsWith(a.cityCode))
        : named.filter((f) => f.id?.startsWith(a.provinceCode));
    const pick = near.length === 1 ? near[0] : same && !named.length ? same : null;
    if (pick) seat.set(a.code, { cp: pick.cp!, via: pick === same ? 'code' : 'name', id: pick.id });
  }
  return seat;
}

export function buildGazetteer(input: GazetteerInput): Record<string, string> {
  const provinces = new Map(input.provinces.map((p) => [p.code, p]));
  const cities = new Map(input.cities.map((c) => [c.code, c]));
  // Statistics-only zones (development zones, 5th digit 7) are not divisions anyone lives in.
  const areas = input.areas.filter((a) => a.code[4] !== '7' && provinces.has(a.provinceCode));
  const seats = matchFeatures(areas, input.features);
  const prefectures = new Map(areas.map((a) => [a.code, prefectureOf(a, cities, provinces)]));

  // A prefecture's seat: its first county (by code) that has one; a county without a seat falls back to it.
  const prefectureSeat = new Map<string, [number, number]>();
  for (const a of [...areas].sort((x, y) => x.code.localeCompare(y.code))) {
    const p = prefectures.get(a.code)!.code;
    const s = seats.get(a.code);
    if (s && !prefectureSeat.has(p)) prefectureSeat.set(p, s.cp);
  }
  const counties = areas
    .map((a) => {
      const p = prefectures.get(a.code)!;
      const own = seats.get(a.code)?.cp;
      const fallback = prefectureSeat.get(p.code) ?? prefectureSeat.get(p.provinceCode + '01');
      const [lon, lat] = own ?? fallback ?? [NaN, NaN];
      return {
        code: a.code,
        name: a.name,
        nameEn: englishName(a.name, input.pinyin),
        provinceCode: a.provinceCode,
        prefectureCode: p.code,
        prefecture: p.name,
        lon: round(lon),
        lat: round(lat),
        seatApproximate: !own,
      };
    })
    .filter((c) => Number.isFinite(c.lon))
    .sort((x, y) => x.code.localeCompare(y.code));

  const codes = new Set(counties.map((c) => c.code));
  const aliases = [...seats.entries()]
    .filter(([code, s]) => s.via === 'name' && s.id && s.id !== code && !codes.has(s.id))
    .map(([code, s]) => ({ from: s.id!, to: code }))
    .sort((x, y) => x.from.localeCompare(y.from));

  const prefectureList = [...new Map(counties.map((c) => [c.prefectureCode, c])).values()].map((c) => ({
    code: c.prefectureCode,
    name: c.prefecture,
    provinceCode: c.provinceCode,
    seat: prefectureSeat.get(c.prefectureCode) ?? [c.lon, c.lat],
  }));
  const stations = prefectureList.map((p) => ({
    code: `ST${p.code}`,
    name: `${shortName(p.name)}站`,
    nameEn: `${englishName(shortName(p.name), input.pinyin)} Railway Station`,
    provinceCode: p.provinceCode,
    city: p.name,
    lon: round(p.seat[0]),
    lat: round(p.seat[1]),
    approximate: true,
  }));

  const nearest = (lon: number, lat: number) => {
    const province = input.provinceAt(lon, lat);
    let best = counties[0],
      bestKm = Infinity;
    for (const c of counties) {
      if (province && c.provinceCode !== province) continue;
      const km = distance(point([lon, lat]), point([c.lon, c.lat]));
      if (km < bestKm) [best, bestKm] = [c, km];
    }
    return best;
  };
  // Places by their pinyin, to read the Chinese name off an airport's English one ("Xichang Qingshan Airport").
  const places = new Map<string, { name: string; county: (typeof counties)[number] }[]>();
  const addPlace = (key: string, name: string, county: (typeof counties)[number]) =>
    places.set(key.toLowerCase(), [...(places.get(key.toLowerCase()) ?? []), { name, county }]);
  for (const c of counties) {
    addPlace(englishName(shortName(c.name), input.pinyin), shortName(c.name), c);
    addPlace(englishName(shortName(c.prefecture), input.pinyin), shortName(c.prefecture), c);
  }
  /**
   * The place named first in the English name (within 150 km in the province its outline puts it in, 60 km
   * across a border: Beijing Daxing lies on it), else the prefecture of the nearest county seat in its province.
   */
  const locate = (a: SourceAirport) => {
    const word = a.airport.split(/[\s-]/)[0].toLowerCase();
    const km = (c: (typeof counties)[number]) => distance(point([a.longitude, a.latitude]), point([c.lon, c.lat]));
    const province = input.provinceAt(a.longitude, a.latitude);
    const named = (places.get(word) ?? [])
      .filter((p) => km(p.county) <= (!province || p.county.provinceCode === province ? 150 : 60))
      .sort((x, y) => km(x.county) - km(y.county));
    const county = named[0]?.county ?? nearest(a.longitude, a.latitude);
    return { a, county, place: named[0]?.name ?? shortName(county.prefecture) };
  };
  const located = input.airports.map(locate).sort((x, y) => x.a.iata.localeCompare(y.a.iata));
  const perPlace = new Map<string, number>();
  for (const { place } of located) perPlace.set(place, (perPlace.get(place) ?? 0) + 1);
  const airports = located.map(({ a, county, place }) => ({
    iata: a.iata,
    icao: a.icao,
    // Derived, not the official Chinese name: the place and, where it has several airports, the IATA code.
    name: `${place}机场${(perPlace.get(place) ?? 0) > 1 ? `（${a.iata}）` : ''}`,
    nameEn: a.airport,
    provinceCode: county.provinceCode,
    city: county.prefecture,
    countyCode: county.code,
    lon: round(a.longitude),
    lat: round(a.latitude),
    size: a.type.replace('_airport', ''),
  }));

  const provinceList = input.provinces
    .filter((p) => PROVINCE_EN[p.code])
    .map((p) => ({ code: p.code, name: p.name, nameEn: PROVINCE_EN[p.code] }));
  return {
    'provinces.json': jsonLines(provinceList),
    'counties.json': jsonLines(counties),
    'county-aliases.json': jsonLines(aliases),
    'airports.json': jsonLines(airports),
    'stations.json': jsonLines(stations),
  };
}
