import type { Factory } from '../domain/reference/places';
import type { Scope } from '../auth/policy';
import type { Database } from './database';
import { inList } from './in-list';
import { factoryRow } from './reference-repo';

/** Factories registered through the API, and the details their enterprises keep up to date. */
export function factoriesRepo(db: Database) {
  return {
    /** Stores a new factory; false when the id is taken (the caller picks another). */
    async insert(f: Factory, registeredBy: string, at: Date): Promise<boolean> {
      const row = await db
        .insertInto('factories')
        .values({ ...factoryRow(f), registered_by: registeredBy, registered_at: at })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async find(id: string) {
      return db.selectFrom('factories').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async updateDetails(id: string, d: { address?: string; contact?: string; gate?: string }): Promise<void> {
      await db.updateTable('factories').set(d).where('id', '=', id).execute();
    },

    /** Factories in the given counties or with the given ids (`null` on either side: every factory). */
    async list(by: { counties: Scope; factories: Scope }) {
      const q = db.selectFrom('factories').selectAll().orderBy('id');
      const { counties, factories } = by;
      if (!counties || !factories) return q.execute(); // one side unlimited: an admin
      return q.where((eb) => eb.or([inList(eb, 'county_code', counties), inList(eb, 'id', factories)])).execute();
    },
  };
}
export type FactoriesRepo = ReturnType<typeof factoriesRepo>;
