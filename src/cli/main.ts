import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createApiKey, RoleSchema } from '../auth/api-keys';
import { systemClock } from '../clock';
import { loadConfig, type AppConfig } from '../config/env';
import { setUpDatabase } from '../db/database-setup';
import type { Database } from '../db/database';
import { readCountyAliases, readPlaces, upsertPlaces } from '../db/reference-repo';
import { loadPlacesFile } from '../services/reference';
import { createLogger } from '../logger';
import { LocalClock } from '../domain/planning/clock';
import { loadPlaces, loadPlannerConfig } from '../reference/load-fixtures';
import { openDatabase } from '../runtime';

const USAGE = `usage:
  npm run cli -- create-key --role dispatcher|enterprise|finance|admin [--scope CODE]... [--label TEXT] [--expires YYYY-MM-DD]
      scopes: county codes (dispatcher, finance), factory ids (enterprise), one per --scope, repeated for several;
      admin needs none
  npm run cli -- revoke-key --id KEY_ID
  npm run cli -- load-reference --file PLACES.json | [--dir FIXTURES_DIR]
      a file of any sections (docs/places.schema.json), or a whole gazetteer directory (places.json)
  npm run cli -- setup-database
      with DATABASE_OWNER_URL: creates the database (and as a superuser the roles), migrates, grants DATABASE_URL's role`;

const CreateKeyArgs = z
  .object({
    role: RoleSchema,
    // One code per --scope: "141031,141032" would otherwise be one scope nobody has, or worse, a typo kept.
    scope: z
      .array(
        z
          .string()
          .min(1)
          .refine((s) => !/[,，;；\s]/.test(s), {
            message: 'give one code per --scope (e.g. --scope 141031 --scope 141032), not a list joined by commas',
          }),
      )
      .default([]),
    label: z.string().optional(),
    expires: z.iso.date().optional(),
  })
  .refine((a) => a.role === 'admin' || a.scope.length > 0, {
    message: 'this role needs at least one --scope',
    path: ['scope'],
  });

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      scope: { type: 'string', multiple: true },
      label: { type: 'string' },
      expires: { type: 'string' },
      id: { type: 'string' },
      dir: { type: 'string' },
      file: { type: 'string' },
    },
  });
  const config = loadConfig();
  if (positionals[0] === 'setup-database') return setUpDatabaseCommand(config);
  const db = await openDatabase(config, createLogger('warn'));
  try {
    switch (positionals[0]) {
      case 'create-key': {
        const a = CreateKeyArgs.safeParse(values);
        if (!a.success)
          throw new Error(
            a.error.issues
              .map((i) => `--${i.path.filter((k) => typeof k === 'string').join('.')}: ${i.message}`)
              .join('\n'),
          );
        const unknown = await unknownScopes(db, a.data.role, a.data.scope);
        if (unknown.length) throw new Error(`--scope: ${unknown.join('; ')}`);
        const { id, key } = await createApiKey(
          db,
          a.data.role,
          a.data.scope,
          a.data.label ?? null,
          a.data.expires ? endOfLocalDay(a.data.expires, config.FIXTURES_DIR) : null,
        );
        process.stdout.write(`${key}\n`);
        process.stderr.write(
          `key id ${id}: ${a.data.role} [${a.data.scope.join(', ')}] (store the key now: only its hash is kept)\n`,
        );
        break;
      }
      case 'revoke-key': {
        const id = z.uuid().parse(values.id);
        const r = await db
          .updateTable('api_keys')
          .set({ revoked_at: systemClock.now() })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        process.stdout.write(Number(r.numUpdatedRows) ? `revoked ${id}\n` : `no active key ${id}\n`);
        break;
      }
      case 'load-reference': {
        if (values.file) {
          const counts = await loadPlacesFile({ db }, readJsonFile(values.file), values.file);
          process.stdout.write(
            `loaded ${Object.entries(counts)
              .map(([k, n]) => `${n} ${k}`)
              .join(', ')}\n`,
          );
          break;
        }
        const places = loadPlaces(values.dir ?? config.FIXTURES_DIR);
        await upsertPlaces(db, places);
        process.stdout.write(
          `loaded ${places.counties.length} counties, ${places.villages.length} villages, ${places.factories.length} factories, ${places.hubs.length} hubs\n`,
        );
        break;
      }
      default:
        throw new Error(USAGE);
    }
  } finally {
    await db.destroy();
  }
}

main(process.argv.slice(2)).catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});

/** The owner's step of start-up on its own (a deployment's migration job), then a check of the app's connection. */
async function setUpDatabaseCommand(config: AppConfig): Promise<void> {
  if (!config.DATABASE_OWNER_URL) throw new Error('setup-database needs DATABASE_OWNER_URL (README "Database roles")');
  const done = await setUpDatabase({
    ownerUrl: config.DATABASE_OWNER_URL,
    appUrl: config.DATABASE_URL,
    ownerRole: config.DATABASE_OWNER_ROLE,
  });
  await (await openDatabase({ ...config, DATABASE_OWNER_URL: undefined }, createLogger('warn'))).destroy();
  const made = done.created.length ? `created ${done.created.join(', ')}; ` : '';
  process.stdout.write(
    `${made}database ${done.database} owned by ${done.ownerRole}; ${done.migrated.length} migrations run` +
      `${done.adopted ? `; ${done.adopted} objects handed to ${done.ownerRole}` : ''}; ${done.appRole} granted\n`,
  );
}

/** A key given `--expires DAY` works through that local day (at the planner's UTC offset). */
function endOfLocalDay(day: string, fixturesDir: string | undefined): Date {
  const local = new LocalClock(loadPlannerConfig(fixturesDir).utcOffsetMin);
  return new Date(local.at(day, '00:00').getTime() + 86_400_000 - 1000);
}

/**
 * A scope a key cannot have: a county or factory the gazetteer does not know (an older county code names its
 * successor).
 */
async function unknownScopes(db: Database, role: string, scopes: readonly string[]): Promise<string[]> {
  if (role === 'admin') return [];
  const places = await readPlaces(db);
  if (role === 'enterprise') {
    const factories = new Set(places.factories.map((f) => f.id));
    return scopes
      .filter((s) => !factories.has(s))
      .map((s) => `factory ${s} is unknown (register it: POST /api/v1/factories)`);
  }
  const counties = new Set(places.counties.map((c) => c.code));
  const aliases = await readCountyAliases(db);
  return scopes
    .filter((s) => !counties.has(s))
    .map((s) =>
      aliases.has(s)
        ? `county ${s} is an older code of ${aliases.get(s)}: use that`
        : `county ${s} is unknown (search /api/v1/reference/counties)`,
    );
}

function readJsonFile(file: string): unknown {
  if (!existsSync(file))
    throw new Error(`no file ${file}: give --file a JSON file of places (docs/places.schema.json)`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}
