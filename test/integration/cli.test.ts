import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

describe('npm run cli -- create-key with scopes nobody knows', () => {
  it('when a county or factory is unknown, then it refuses and says where to look', async () => {
    await expect(cli('create-key', '--role', 'dispatcher', '--scope', '999901')).rejects.toMatchObject({
      stderr: expect.stringMatching(/county 999901 is unknown \(search \/api\/v1\/reference\/counties\)/),
    });
    await expect(cli('create-key', '--role', 'enterprise', '--scope', 'no-such-factory')).rejects.toMatchObject({
      stderr: expect.stringMatching(/factory no-such-factory is unknown/),
    });
    expect(await t.db.selectFrom('api_keys').select('id').where('role', '=', 'enterprise').execute()).toHaveLength(1);
  });

  it('when scopes are joined by a comma, then it refuses and shows the one-code-per---scope form', async () => {
    const before = await t.db.selectFrom('api_keys').select('id').execute();
    for (const joined of ['141031,141032', '141031, 141032', '141031，141032'])
      await expect(cli('create-key', '--role', 'dispatcher', '--scope', joined)).rejects.toMatchObject({
        stderr: expect.stringMatching(/--scope: give one code per --scope \(e\.g\. --scope 141031 --scope 141032\)/),
      });
    expect(await t.db.selectFrom('api_keys').select('id').execute()).toHaveLength(before.length);
  });
});

describe('npm run cli -- load-reference --file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'p2p-places-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const station = {
    id: 'tianzhen-station',
    kind: 'station',
    code: 'TZN',
    name: '天镇站',
    nameEn: 'Tianzhen',
    provinceCode: '14',
    city: '大同市',
    lon: 114.1,
    lat: 40.43,
  };

  it('when a file holds only stations of a loaded province, then they are added', async () => {
    const file = path.join(dir, 'stations.json');
    writeFileSync(file, JSON.stringify({ hubs: [station] }));
    expect((await cli('load-reference', '--file', file)).stdout).toMatch(/loaded 1 hubs/);
    expect(await t.db.selectFrom('hubs').select('code').where('id', '=', station.id).executeTakeFirst()).toEqual({
      code: 'TZN',
    });
  });

  it('when a file is missing, malformed or names an unknown province, then nothing is loaded and it says why', async () => {
    await expect(cli('load-reference', '--file', path.join(dir, 'nope.json'))).rejects.toMatchObject({
      stderr: expect.stringMatching(/no file .*nope\.json: give --file a JSON file of places/),
    });
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ hubs: [{ ...station, id: 'elsewhere', provinceCode: '99' }] }));
    await expect(cli('load-reference', '--file', bad)).rejects.toMatchObject({
      stderr: expect.stringMatching(/hubs\.0\.provinceCode: unknown province 99/),
    });
    expect(await t.db.selectFrom('hubs').select('id').where('id', '=', 'elsewhere').executeTakeFirst()).toBeUndefined();
  });
});
