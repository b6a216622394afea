import { groupCommit } from '../../../src/db/group-commit';

/** A write whose completion the test controls, recording the groups it was given. */
function controlledWrite() {
  const groups: number[][] = [];
  const finishers: (() => void)[] = [];
  const write = (group: number[]) =>
    new Promise<(number | Error)[]>((resolve) => {
      groups.push(group);
      finishers.push(() => resolve(group.map((n) => (n < 0 ? new Error(`bad ${n}`) : n * 10))));
    });
  return { groups, write, finishNext: () => finishers.shift()!() };
}
const turn = () => new Promise((r) => setImmediate(r));

describe('groupCommit', () => {
  it('when requests arrive while a write is in flight, then the next write takes them together', async () => {
    const c = controlledWrite();
    const submit = groupCommit(c.write, { maxInFlight: 1, maxWeight: 100, weight: () => 1 });
    const first = submit(1);
    await turn();
    const rest = [2, 3, 4].map(submit);
    await turn();
    expect(c.groups).toEqual([[1]]);
    c.finishNext();
    expect(await first).toBe(10);
    await turn();
    await turn();
    expect(c.groups).toEqual([[1], [2, 3, 4]]);
    c.finishNext();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
  });

  it('when one request of a group fails, then only that request is rejected', async () => {
    const c = controlledWrite();
    const submit = groupCommit(c.write, { maxInFlight: 1, maxWeight: 100, weight: () => 1 });
    const all = [5, -1, 6].map((n) =>
      submit(n).then(
        (v) => v,
        (e: Error) => e.message,
      ),
    );
    await turn();
    expect(c.groups).toEqual([[5, -1, 6]]);
    c.finishNext();
    expect(await Promise.all(all)).toEqual([50, 'bad -1', 60]);
  });

  it('when the write itself throws, then every request of that group gets the error', async () => {
    const submit = groupCommit<number, number>(
      async () => {
        throw new Error('database away');
      },
      { maxInFlight: 2, maxWeight: 10, weight: () => 1 },
    );
    await expect(Promise.all([submit(1), submit(2)])).rejects.toThrow('database away');
    await expect(submit(3)).rejects.toThrow('database away');
  });

  it('when requests outweigh a group, then they are cut into groups up to the weight, never splitting one', async () => {
    const c = controlledWrite();
    const submit = groupCommit(c.write, { maxInFlight: 3, maxWeight: 10, weight: (n) => n });
    const all = [4, 5, 12, 3].map(submit);
    await turn();
    expect(c.groups).toEqual([[4, 5], [12], [3]]);
    c.finishNext();
    c.finishNext();
    c.finishNext();
    expect(await Promise.all(all)).toEqual([40, 50, 120, 30]);
  });
});
