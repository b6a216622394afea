import { storingGate } from '../../../src/queue/planning-runner';

/** An intake that records what the gate asked of it. */
function recorder() {
  const calls: string[] = [];
  return { calls, intake: { hold: () => calls.push('hold'), release: () => calls.push('release') } };
}

describe('a runner holds its intake while one of its parents has a part to store', () => {
  it('holds once a part is there and lets go while the next child still plans', () => {
    const { calls, intake } = recorder();
    const busy = storingGate(intake)('batch-1');
    busy(false);
    expect(calls).toEqual([]);
    busy(true);
    busy(true);
    expect(calls).toEqual(['hold']);
    busy(false);
    busy(false);
    expect(calls).toEqual(['hold', 'release']);
  });

  it('stays held until no parent of the runner has a part left', () => {
    const { calls, intake } = recorder();
    const gate = storingGate(intake);
    const [a, b] = [gate('batch-a'), gate('batch-b')];
    a(true);
    b(true);
    a(false);
    expect(calls).toEqual(['hold']);
    b(false);
    expect(calls).toEqual(['hold', 'release']);
    b(true);
    expect(calls).toEqual(['hold', 'release', 'hold']);
  });
});
