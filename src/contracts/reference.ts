import { z } from 'zod';
import { CountyCode, HubSchema, Lat, Lon, ProvinceCode } from '../domain/reference/places';

const Limit = z.coerce.number().int().min(1).max(500).default(50);
const Offset = z.coerce.number().int().min(0).max(1_000_000).default(0);
const Query = z.string().trim().min(1).max(64).optional();

/** `GET /reference/counties?q=&province=&limit=&offset=`: by code prefix, Chinese name or pinyin. */
export const CountySearchSchema = z.object({
  q: Query,
  province: ProvinceCode.optional(),
  limit: Limit,
  offset: Offset,
});
export type CountySearch = z.infer<typeof CountySearchSchema>;

/** `GET /reference/hubs?kind=airport|station&q=&limit=&offset=`. */
export const HubSearchSchema = z.object({
  q: Query,
  kind: z.enum(['airport', 'station']).optional(),
  limit: Limit,
  offset: Offset,
});
export type HubSearch = z.infer<typeof HubSearchSchema>;

/** `PUT /reference/counties/:code` (admin): a corrected name or seat. */
export const CountyCorrectionSchema = z.object({
  name: z.string().trim().min(1).max(64).optional(),
  nameEn: z.string().trim().min(1).max(128).optional(),
  lon: Lon,
  lat: Lat,
  /** false once someone has checked the seat. */
  seatApproximate: z.boolean().default(false),
});
export type CountyCorrection = z.infer<typeof CountyCorrectionSchema>;

/** `PUT /reference/hubs/:id` (admin): a station or airport added or corrected, whole. */
export const HubBodySchema = HubSchema.omit({ id: true });
export type HubBody = z.infer<typeof HubBodySchema>;

const Text = (max: number) => z.string().trim().min(1).max(max);

/** `POST /factories`: a factory registered by an admin or a dispatcher of its county. */
export const FactoryRegistrationSchema = z.object({
  name: Text(100),
  nameEn: Text(200).optional(),
  countyCode: CountyCode,
  lon: Lon,
  lat: Lat,
  address: Text(200).optional(),
  contact: Text(200).optional(),
  gate: Text(500).optional(),
});
export type FactoryRegistration = z.infer<typeof FactoryRegistrationSchema>;

/** `PATCH /factories/:id`: what the factory's enterprise keeps up to date. */
export const FactoryUpdateSchema = z
  .object({ address: Text(200).optional(), contact: Text(200).optional(), gate: Text(500).optional() })
  .refine((u) => Object.values(u).some((v) => v !== undefined), 'give at least one of address, contact, gate');
export type FactoryUpdate = z.infer<typeof FactoryUpdateSchema>;
