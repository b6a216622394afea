import { z } from 'zod';

/** Longitude/latitude in WGS84 degrees, validated at every edge. */
export const Lon = z.number().gte(-180).lte(180);
export const Lat = z.number().gte(-90).lte(90);

/** Two-digit GB/T 2260 province code, e.g. "14" for Shanxi. */
export const ProvinceCode = z.string().regex(/^\d{2}$/, 'province code must be 2 digits');
/** Six-digit GB/T 2260 county-level administrative code, the first six digits of a resident ID number. */
export const CountyCode = z.string().regex(/^\d{6}$/, 'county code must be 6 digits');
export const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case kebab-case');

export const ProvinceSchema = z.object({
  code: ProvinceCode,
  name: z.string().min(1),
  nameEn: z.string().min(1),
});

export const CountySchema = z.object({
  code: CountyCode,
  name: z.string().min(1),
  nameEn: z.string().min(1),
  provinceCode: ProvinceCode,
  /** The prefecture-level city (地级市, 自治州, 地区, 盟). */
  city: z.string().min(1),
  prefectureCode: z.string().min(4).max(6).optional(),
  /** The county seat, where known; `seatApproximate` when it is the prefecture's seat instead. */
  lon: Lon.optional(),
  lat: Lat.optional(),
  seatApproximate: z.boolean().optional(),
});

export const VillageSchema = z.object({
  id: Slug,
  countyCode: CountyCode,
  name: z.string().min(1),
  nameEn: z.string().min(1),
  lon: Lon,
  lat: Lat,
});

export const FactorySchema = z.object({
  id: Slug,
  name: z.string().min(1),
  nameEn: z.string().min(1),
  provinceCode: ProvinceCode,
  city: z.string().min(1),
  lon: Lon,
  lat: Lat,
  /** The county the factory lies in (registered factories always name it). */
  countyCode: CountyCode.optional(),
  address: z.string().max(200).optional(),
  contact: z.string().max(200).optional(),
  /** Where buses stop and who takes the workers over at the gate. */
  gate: z.string().max(500).optional(),
});

/** A railway station or an airport: where first-mile buses end and last-mile buses start. */
export const HubSchema = z.object({
  id: Slug,
  kind: z.enum(['station', 'airport']),
  /** IATA code for airports, telegraph code or pinyin for stations. */
  code: z.string().min(2).max(8),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  provinceCode: ProvinceCode,
  city: z.string().min(1),
  lon: Lon,
  lat: Lat,
  /** Coordinates stand for the city, not the building (no package lists stations with coordinates). */
  approximate: z.boolean().optional(),
});

const sections = {
  provinces: z.array(ProvinceSchema),
  counties: z.array(CountySchema),
  villages: z.array(VillageSchema),
  factories: z.array(FactorySchema),
  hubs: z.array(HubSchema),
};

/**
 * A file of places to load (`npm run cli -- load-reference`): any sections, each may be left out (a file with
 * only stations, or only factories). Its references must resolve in the file or among places already loaded.
 */
export const PlacesFileSchema = z
  .object({
    provinces: sections.provinces.optional(),
    counties: sections.counties.optional(),
    villages: sections.villages.optional(),
    factories: sections.factories.optional(),
    hubs: sections.hubs.optional(),
  })
  .strict()
  .refine((p) => Object.values(p).some((v) => v?.length), 'the file names no places');
export type PlacesFile = z.infer<typeof PlacesFileSchema>;

export interface PlaceProblem {
  path: (string | number)[];
  message: string;
}

/** Unknown provinces and counties (neither in the file nor `known`), and ids given twice in a section. */
export function placesProblems(
  p: PlacesFile,
  known: { provinces: ReadonlySet<string>; counties: ReadonlySet<string> },
): PlaceProblem[] {
  const out: PlaceProblem[] = [];
  const provinces = new Set([...known.provinces, ...(p.provinces ?? []).map((x) => x.code)]);
  const counties = new Set([...known.counties, ...(p.counties ?? []).map((x) => x.code)]);
  const check = (name: string, list: { provinceCode?: string; countyCode?: string }[] | undefined) =>
    (list ?? []).forEach((x, i) => {
      if (x.provinceCode && !provinces.has(x.provinceCode))
        out.push({ path: [name, i, 'provinceCode'], message: `unknown province ${x.provinceCode}` });
      if (x.countyCode && !counties.has(x.countyCode))
        out.push({ path: [name, i, 'countyCode'], message: `unknown county ${x.countyCode}` });
    });
  check('counties', p.counties);
  check('villages', p.villages);
  check('factories', p.factories);
  check('hubs', p.hubs);
  for (const name of ['villages', 'factories', 'hubs'] as const) {
    const seen = new Set<string>();
    (p[name] ?? []).forEach((x, i) =>
      seen.has(x.id) ? out.push({ path: [name, i, 'id'], message: `duplicate id ${x.id}` }) : seen.add(x.id),
    );
  }
  return out;
}

/** A whole gazetteer (the bundled sample): every section present and self-contained. */
export const PlacesSchema = z
  .object({
    provinces: sections.provinces.min(1),
    counties: sections.counties.min(1),
    villages: sections.villages.min(1),
    factories: sections.factories.min(1),
    hubs: sections.hubs.min(1),
  })
  .superRefine((p, ctx) => {
    for (const { path, message } of placesProblems(p, { provinces: new Set(), counties: new Set() }))
      ctx.addIssue({ code: 'custom', path, message });
  });

export type Province = z.infer<typeof ProvinceSchema>;
export type County = z.infer<typeof CountySchema>;
export type Village = z.infer<typeof VillageSchema>;
export type Factory = z.infer<typeof FactorySchema>;
export type Hub = z.infer<typeof HubSchema>;
export type Places = z.infer<typeof PlacesSchema>;
