export interface GroupCommitOptions<Req> {
  /** Groups written at the same time (each holds one pooled connection). */
  maxInFlight: number;
  /** A group is cut once its requests weigh this much (a single heavier request still goes alone). */
  maxWeight: number;
  weight: (req: Req) => number;
}

interface Waiting<Req, Res> {
  req: Req;
  resolve: (res: Res) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit: requests that arrive while a write is in flight are written together by the next one.
 * Under load a busy endpoint makes one write per group rather than per request; when idle a
 * request waits no more than one turn of the event loop. `write` answers each request of a group in
 * order, with its result or its own error (one request's error does not fail the others); if `write`
 * itself throws, every request of that group gets the error.
 */
export function groupCommit<Req, Res>(
  write: (group: Req[]) => Promise<(Res | Error)[]>,
  opts: GroupCommitOptions<Req>,
): (req: Req) => Promise<Res> {
  const waiting: Waiting<Req, Res>[] = [];
  let inFlight = 0;
  let scheduled = false;

  const takeGroup = (): Waiting<Req, Res>[] => {
    let weight = 0;
    let n = 0;
    while (n < waiting.length && (n === 0 || weight + opts.weight(waiting[n].req) <= opts.maxWeight))
      weight += opts.weight(waiting[n++].req);
    return waiting.splice(0, n);
  };

  const run = (group: Waiting<Req, Res>[]): void => {
    inFlight++;
    write(group.map((w) => w.req))
      .then(
        (results) =>
          group.forEach((w, i) => (results[i] instanceof Error ? w.reject(results[i]) : w.resolve(results[i] as Res))),
        (e: unknown) => group.forEach((w) => w.reject(e)),
      )
      .finally(() => {
        inFlight--;
        schedule();
      });
  };

  const pump = (): void => {
    scheduled = false;
    while (inFlight < opts.maxInFlight && waiting.length) run(takeGroup());
  };

  function schedule(): void {
    if (scheduled || !waiting.length || inFlight >= opts.maxInFlight) return;
    scheduled = true;
    setImmediate(pump);
  }

  return (req: Req) =>
    new Promise<Res>((resolve, reject) => {
      waiting.push({ req, resolve, reject });
      schedule();
    });
}
