import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-backbone';
import * as m002 from './002-health-arrivals-subsidies';
import * as m003 from './003-trip-locks';
import * as m004 from './004-personal-data-at-rest';
import * as m005 from './005-admin-sessions';
import * as m006 from './006-payee-accounts';
import * as m007 from './007-money-model';
import * as m008 from './008-least-privilege';
import * as m009 from './009-national-reference';
import * as m010 from './010-trunk-offers';
import * as m011 from './011-pooled-trips';
import * as m015 from './015-vehicle-labels';
import * as m016 from './016-batch-list-index';
import * as m017 from './017-share-indexes';
import * as m018 from './018-list-payments';
import * as m019 from './019-fleet-crew';
import * as m020 from './020-plan-store-room';
import * as m021 from './021-batch-merge';

/** Migrations are listed in code so they run the same from TypeScript sources and from the compiled build. */
const migrations: Record<string, Migration> = {
  '001-backbone': m001,
  '002-health-arrivals-subsidies': m002,
  '003-trip-locks': m003,
  '004-personal-data-at-rest': m004,
  '005-admin-sessions': m005,
  '006-payee-accounts': m006,
  '007-money-model': m007,
  '008-least-privilege': m008,
  '009-national-reference': m009,
  '010-trunk-offers': m010,
  '011-pooled-trips': m011,
  '015-vehicle-labels': m015,
  '016-batch-list-index': m016,
  '017-share-indexes': m017,
  '018-list-payments': m018,
  '019-fleet-crew': m019,
  '020-plan-store-room': m020,
  '021-batch-merge': m021,
};

export const migrationProvider: MigrationProvider = { getMigrations: async () => migrations };
