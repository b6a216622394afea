import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createApiKey, RoleSchema } from '../auth/api-keys';
import { loadConfig } from '../config/env';
import { upsertPlaces } from '../db/reference-repo';
import { createLogger } from '../logger';
import { LocalClock } from '../domain/planning/clock';
import { loadPlaces, loadPlannerConfig } from '../reference/load-fixtures';
import { openDatabase } from '../runtime';

const USAGE = `usage:
  npm run cli -- create-key --role dispatcher|enterprise|finance|admin [--scope CODE]... [--label TEXT] [--expires YYYY-MM-DD]
      scopes: county codes (dispatcher, finance), factory ids (enterprise); admin needs none
  npm run cli -- revoke-key --id KEY_ID
  npm run cli -- load-reference [--dir FIXTURES_DIR]`;

const CreateKeyArgs = z
  .object({
    role: RoleSchema,
    scope: z.array(z.string().min(1)).default([]),
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
    },
  });
  const config = loadConfig();
  const db = await openDatabase(config, createLogger('warn'));
  try {
    switch (positionals[0]) {
      case 'create-key': {
        const a = CreateKeyArgs.safeParse(values);
        if (!a.success) throw new Error(a.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
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
          .set({ revoked_at: new Date() })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        process.stdout.write(Number(r.numUpdatedRows) ? `revoked ${id}\n` : `no active key ${id}\n`);
        break;
      }
      case 'load-reference': {
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

/** A key given `--expires DAY` works through that local day (at the planner's UTC offset). */
function endOfLocalDay(day: string, fixturesDir: string | undefined): Date {
  const local = new LocalClock(loadPlannerConfig(fixturesDir).utcOffsetMin);
  return new Date(local.at(day, '00:00').getTime() + 86_400_000 - 1000);
}
