import { fill } from '../lib/dom';
import { currentLang, t } from '../lib/i18n';
import { countyName } from '../lib/place-names';
import { forgetPlaces, indexPlaces, resolveCounties, type PlaceIndex } from '../lib/places';
import { can, me } from '../lib/session';
import { pageHeader, statusLine } from '../lib/widgets';
import type { ViewContext } from '../router';
import { chinaProvinces } from '../map/china-provinces';
import { factoryList } from './factories/factory-list';
import { listFactories } from './factories/factories-api';
import { registerForm } from './factories/register-form';

/** Province names by two-digit code, from the map's outlines (no need for the whole gazetteer here). */
function provinceNames(): (code: string) => string {
  const en = currentLang() === 'en';
  const names = new Map(chinaProvinces().map((f) => [f.id.slice(0, 2), en ? f.properties.nameEn : f.properties.name]));
  return (code) => names.get(code) ?? code;
}

/**
 * Factories: the ones the key can see, with their contact and gate details kept by the enterprise (or the county's
 * dispatchers); dispatchers and admins also register new ones, placed on a map of their county.
 */
export async function factoriesView(ctx: ViewContext): Promise<void> {
  ctx.setTitle(t('factoriesTitle'));
  const who = me()!;
  // No /reference/places here: the national gazetteer answers for each county's province on demand.
  const ix: PlaceIndex = indexPlaces({ provinces: [], counties: [], villages: [], factories: [], hubs: [] });
  const countyLabel = (code: string) => countyName(ix, code);
  const provinceName = provinceNames();
  let factories = await listFactories(ctx.signal);
  await resolveCounties(factories.flatMap((f) => (f.countyCode ? [f.countyCode] : [])));

  const flash = statusLine();
  const list = factoryList({
    countyLabel,
    onChanged(saved) {
      forgetPlaces();
      factories = factories.map((f) => (f.id === saved.id ? saved : f));
      list.render(factories, saved.id);
      flash.ok(t('detailsSaved', { name: saved.name }));
      ctx.root.querySelector<HTMLButtonElement>(`tr[data-factory-id="${CSS.escape(saved.id)}"] button`)?.focus();
    },
  });
  const register = can(who, 'dispatcher')
    ? registerForm({
        who,
        provinceName,
        countyLabel,
        onRegistered(f) {
          forgetPlaces(); // the other views' copy of the places lacks it
          factories = [f, ...factories];
          list.render(factories, f.id);
          register?.setFactories(factories);
        },
      })
    : null;
  list.render(factories);
  register?.setFactories(factories);
  fill(ctx.root, pageHeader(t('factoriesTitle')), flash, register?.el, list.el);
  ctx.ready('factories');
}
