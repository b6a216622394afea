import { z } from 'zod';
import { CountyCode, Lat, Lon, ProvinceCode, ProvinceSchema } from './places';

/** The committed national gazetteer (fixtures/reference, see its README): the shapes of its files. */
export const NationalCountySchema = z.object({
  code: CountyCode,
  name: z.string().min(1),
  nameEn: z.string().min(1),
  provinceCode: ProvinceCode,
  prefectureCode: z.string().min(4).max(6),
  prefecture: z.string().min(1),
  lon: Lon,
  lat: Lat,
  seatApproximate: z.boolean(),
});
export const CountyAliasSchema = z.object({ from: CountyCode, to: CountyCode });
export type CountyAlias = z.infer<typeof CountyAliasSchema>;

export const NationalAirportSchema = z.object({
  iata: z.string().regex(/^[A-Z]{3}$/),
  icao: z.string(),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  provinceCode: ProvinceCode,
  city: z.string().min(1),
  countyCode: CountyCode,
  lon: Lon,
  lat: Lat,
  size: z.string(),
});
export const NationalStationSchema = z.object({
  code: z.string().min(2).max(8),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  provinceCode: ProvinceCode,
  city: z.string().min(1),
  lon: Lon,
  lat: Lat,
  approximate: z.boolean(),
});

export const NationalGazetteerSchema = z.object({
  provinces: z.array(ProvinceSchema).min(31),
  counties: z.array(NationalCountySchema).min(2800),
  aliases: z.array(CountyAliasSchema),
  airports: z.array(NationalAirportSchema),
  stations: z.array(NationalStationSchema),
});
export type NationalGazetteer = z.infer<typeof NationalGazetteerSchema>;
