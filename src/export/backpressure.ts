import type { Writable } from 'node:stream';

// ---------------------------------------------------------------------------------------------
// Backpressure helpers

export type StreamState = { destroyed?: boolean; errored?: Error | null };

export function assertOpen(s: StreamState, what: string): void {
  if (s.destroyed) throw s.errored ?? new Error(`${what} closed before the export finished`);
}

/** Resolves on 'drain'; rejects if the stream errors or closes first (a destroyed stream never drains). */
export function drained(s: Writable): Promise<void> {
  assertOpen(s, 'export output');
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      s.off('drain', onDrain);
      s.off('error', onError);
      s.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onError = (e: Error) => done(e);
    const onClose = () => done(s.errored ?? new Error('export output closed before the export finished'));
    s.on('drain', onDrain);
    s.on('error', onError);
    s.on('close', onClose);
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
