import { placeName } from './i18n';
import type { PlaceIndex } from './places';

/**
 * Display names of counties and factories, falling back to the code. A county missing from /reference/places
 * resolves once `resolveCounties` (places.ts) has looked its province up in the national gazetteer.
 */
export const countyName = (ix: PlaceIndex, code: string): string => placeName(ix.county(code), code);
export const factoryName = (ix: PlaceIndex, id: string): string => placeName(ix.factory(id), id);
