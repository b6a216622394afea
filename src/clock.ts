/**
 * Time as a dependency. The composition root makes one Clock and passes it down; no rule reads the wall
 * clock itself, so a test can pin "now" and the suite passes on any date.
 */
export interface Clock {
  now(): Date;
}

/** The real wall clock: made once, in the composition root. */
export const systemClock: Clock = {
  now: () => new Date(),
};

/** A clock that reads `start` until moved: for tests, the demo and replays. */
export function fixedClock(start: Date | string): Clock & { set(t: Date | string): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  if (Number.isNaN(t)) throw new RangeError(`not a date: ${String(start)}`);
  return {
    now: () => new Date(t),
    set: (v) => void (t = new Date(v).getTime()),
    advance: (ms) => void (t += ms),
  };
}
