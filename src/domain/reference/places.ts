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
  city: z.string().min(1),
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
});

export const PlacesSchema = z
  .object({
    provinces: z.array(ProvinceSchema).min(1),
    counties: z.array(CountySchema).min(1),
    villages: z.array(VillageSchema).min(1),
    factories: z.array(FactorySchema).min(1),
    hubs: z.array(HubSchema).min(1),
  })
  .superRefine((p, ctx) => {
    const provinces = new Set(p.provinces.map((x) => x.code));
    const counties = new Set(p.counties.map((x) => x.code));
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    p.counties.forEach(
      (c, i) =>
        provinces.has(c.provinceCode) || issue(['counties', i, 'provinceCode'], `unknown province ${c.provinceCode}`),
    );
    p.villages.forEach(
      (v, i) => counties.has(v.countyCode) || issue(['villages', i, 'countyCode'], `unknown county ${v.countyCode}`),
    );
    p.factories.forEach(
      (f, i) =>
        provinces.has(f.provinceCode) || issue(['factories', i, 'provinceCode'], `unknown province ${f.provinceCode}`),
    );
    p.hubs.forEach(
      (h, i) =>
        provinces.has(h.provinceCode) || issue(['hubs', i, 'provinceCode'], `unknown province ${h.provinceCode}`),
    );
    for (const [name, list] of [
      ['villages', p.villages],
      ['factories', p.factories],
      ['hubs', p.hubs],
    ] as const) {
      const seen = new Set<string>();
      list.forEach((x, i) => (seen.has(x.id) ? issue([name, i, 'id'], `duplicate id ${x.id}`) : seen.add(x.id)));
    }
  });

export type Province = z.infer<typeof ProvinceSchema>;
export type County = z.infer<typeof CountySchema>;
export type Village = z.infer<typeof VillageSchema>;
export type Factory = z.infer<typeof FactorySchema>;
export type Hub = z.infer<typeof HubSchema>;
export type Places = z.infer<typeof PlacesSchema>;
