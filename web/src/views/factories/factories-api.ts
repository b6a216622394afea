import { getJson, sendJson } from '../../lib/api';
import type { Places } from '../../lib/types';

export type County = Places['counties'][number];

/** A factory as `GET`, `POST /factories` and `PATCH /factories/:id` answer it (src/services/reference.ts). */
export interface FactoryView {
  id: string;
  name: string;
  nameEn: string;
  countyCode: string | null;
  provinceCode: string;
  city: string;
  lon: number;
  lat: number;
  address: string | null;
  contact: string | null;
  gate: string | null;
  registeredAt: string | null;
}

export interface Registration {
  name: string;
  countyCode: string;
  lon: number;
  lat: number;
  address?: string;
  contact?: string;
  gate?: string;
}

export type DetailsUpdate = Partial<Pick<Registration, 'address' | 'contact' | 'gate'>>;

export const listFactories = async (signal?: AbortSignal): Promise<FactoryView[]> =>
  (await getJson<{ factories: FactoryView[] }>('/factories', { signal })).factories;

export const registerFactory = (r: Registration): Promise<FactoryView> => sendJson('POST', '/factories', r);

export const updateFactory = (id: string, u: DetailsUpdate): Promise<FactoryView> =>
  sendJson('PATCH', `/factories/${encodeURIComponent(id)}`, u);

/** Counties by code prefix, Chinese name or pinyin, a page at a time. */
export const searchCounties = (q: string, limit: number, signal?: AbortSignal) =>
  getJson<{ total: number; items: County[] }>(
    `/reference/counties?${new URLSearchParams({ q, limit: String(limit) })}`,
    {
      signal,
    },
  );
