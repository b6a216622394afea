import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { findPrincipal } from '../../src/auth/api-keys';
import { upsertPlaces } from '../../src/db/reference-repo';
import { loadPlaces } from '../../src/reference/load-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
let t: TestDatabase;
beforeAll(async () => (t = await createTestDatabase()));
afterAll(() => t.drop());

const cli = (...args: string[]) =>
  run(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: t.url },
  });

describe('npm run cli -- create-key', () => {
  it('when given a role and scopes, then it prints a key that authenticates with them, stored only as a hash', async () => {
    const { stdout } = await cli(
      'create-key',
      '--role',
      'enterprise',
      '--scope',
      'ningbo-beilun-electronics',
      '--scope',
      'yuyao-appliance',
    );
    const key = stdout.trim();
    expect(key).toMatch(/^p2p_ent_/);
    expect(await findPrincipal(t.db, key, new Date())).toMatchObject({
      role: 'enterprise',
      scopes: ['ningbo-beilun-electronics', 'yuyao-appliance'],
    });
    const stored = await t.db.selectFrom('api_keys').select('key_hash').execute();
    expect(stored.some((r) => r.key_hash === key)).toBe(false);
  });

  it('when a scoped role has no scope, then it refuses with a message', async () => {
    await expect(cli('create-key', '--role', 'dispatcher')).rejects.toMatchObject({
      stderr: expect.stringMatching(/--scope: this role needs at least one --scope/),
    });
  });

  it('when a key is revoked, then it no longer authenticates', async () => {
    const key = (await cli('create-key', '--role', 'admin')).stdout.trim();
    const { id } = await findPrincipal(t.db, key, new Date()).then((p) => ({ id: p!.keyId }));
    await cli('revoke-key', '--id', id);
    expect(await findPrincipal(t.db, key, new Date())).toBeNull();
  });
});

describe('loading reference places again', () => {
  it('when a place changed, then it is updated in place, not duplicated', async () => {
    const places = loadPlaces();
    const renamed = {
      ...places,
      factories: places.factories.map((f, i) => (i === 0 ? { ...f, name: '改名工厂', lat: 30.1 } : f)),
    };
    await upsertPlaces(t.db, renamed);
    const row = await t.db
      .selectFrom('factories')
      .selectAll()
      .where('id', '=', places.factories[0].id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: '改名工厂', lat: 30.1, province_code: places.factories[0].provinceCode });
    expect(await t.db.selectFrom('factories').select('id').execute()).toHaveLength(places.factories.length);
  });
});
