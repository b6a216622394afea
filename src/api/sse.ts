import type { Request, Response } from 'express';
import { getBatch } from '../db/batches-repo';
import type { Database } from '../db/database';

const TERMINAL = new Set(['planned', 'failed', 'merged']);

/**
 * Server-Sent Events with the batch's progress, read from PostgreSQL (so any API process can serve
 * any batch, and progress keeps flowing while Redis is away) until the batch is planned, failed or merged.
 */
export async function streamBatchEvents(
  db: Database,
  batchId: string,
  req: Request,
  res: Response,
  everyMs = 400,
): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  let closed = false;
  req.on('close', () => (closed = true));
  let last = '';
  while (!closed) {
    const b = await getBatch(db, batchId).catch(() => undefined);
    if (b) {
      const data = JSON.stringify({
        id: b.id,
        status: b.status,
        progress: b.progress,
        error: b.error,
        counts: { workers: b.worker_count, held: b.held_count, trips: b.trip_count },
        mergedInto: b.merged_into,
      });
      if (data !== last) {
        res.write(`event: ${TERMINAL.has(b.status) ? b.status : 'progress'}\ndata: ${data}\n\n`);
        last = data;
      }
      if (TERMINAL.has(b.status)) break;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  res.end();
}
