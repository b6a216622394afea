import { currentLang, placeName } from './i18n';
import type { PlaceIndex } from './places';
import { romanise } from './romanise';

/**
 * Display names of counties and factories, falling back to the code. A county missing from /reference/places
 * resolves once `resolveCounties` (places.ts) has looked its province up in the national gazetteer.
 */
export const countyName = (ix: PlaceIndex, code: string): string => placeName(ix.county(code), code);

/**
 * A factory's name: its English name in English where it has one, else the name its enterprise registered, in
 * pinyin words for an English reader (enterprises register Chinese names only).
 */
const factoryPlace = (f: { name: string; nameEn?: string } | undefined, fallback: string): string =>
  currentLang() === 'en' ? romanise(placeName(f, fallback)) : placeName(f, fallback);
export const factoryName = (ix: PlaceIndex, id: string): string => factoryPlace(ix.factory(id), id);

/**
 * A village or home-village name as the county office typed it (小河村), in pinyin words in English ("Xiaohe
 * Village"); in Chinese it is shown as typed.
 */
export const villageName = (name: string): string => (currentLang() === 'en' ? romanise(name) : name);

/** A stop as the plan names it: its kind, the hub or factory it is (if any), and the name stored with the plan. */
interface NamedStop {
  kind: string;
  placeId: string | null;
  name: string;
}

/**
 * A stop's name in the reader's language: a station or airport by the national hub list (its English name in
 * English), a factory by the gazetteer; a village pick-up by the name the county office typed, in pinyin in English.
 */
export function stopName(ix: PlaceIndex | undefined, st: NamedStop): string {
  if (st.kind === 'pickup') return villageName(st.name);
  if (!ix || !st.placeId) return st.name;
  if (st.kind === 'station' || st.kind === 'airport') return placeName(ix.hub(st.placeId), st.name);
  if (st.kind === 'factory') return factoryPlace(ix.factory(st.placeId), st.name);
  return st.name;
}
