/** Waiting for something to become true, for tests and benchmarks that drive real processes. */

/** Thrown from a poll's probe to stop waiting at once (e.g. the batch failed). */
export class Fatal extends Error {}

/** Calls `probe` until it returns something truthy; other errors are retried, a `Fatal` ends the wait. */
export async function poll<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      if (e instanceof Fatal) throw e;
      lastError = e;
    }
    if (Date.now() > until)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`,
      );
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
