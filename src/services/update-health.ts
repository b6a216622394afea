import { z } from 'zod';
import { inScope, type Principal } from '../auth/api-keys';
import { HealthCode } from '../domain/health/health-checks';
import { ProvinceCode } from '../domain/reference/places';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { placeIntoPlannedBatch, type PlacementDeps } from './place-workers';

export const HealthUpdateSchema = z.object({
  healthCode: HealthCode,
  healthCodeProvince: ProvinceCode.nullish(),
  nucleicTestAt: z.iso.datetime({ offset: true }).nullish(),
});
export type HealthUpdate = z.infer<typeof HealthUpdateSchema>;

/** Codes a health update can clear; other holds (already planned elsewhere, no route) stay. */
const HEALTH_HOLDS = [
  'health-code-yellow',
  'health-code-red',
  'health-code-unrecognised',
  'nucleic-test-missing',
  'nucleic-test-expired',
  'family-member-held',
  'boarding-check-failed',
];

/**
 * Records a held worker's new health status; if the batch is planned, the worker (with any family held
 * for them) is placed on a later trip of the batch when now eligible, or stays held with the new reason.
 */
export async function updateWorkerHealth(deps: PlacementDeps, p: Principal, workerId: string, body: unknown) {
  const parsed = HealthUpdateSchema.safeParse(body);
  if (!parsed.success)
    throw new ValidationError(
      'invalid health update',
      parsed.error.issues.map((i) => ({ row: 0, field: i.path.join('.'), message: i.message })),
    );
  return deps.db.transaction().execute(async (tx) => {
    const w = await tx.selectFrom('batch_workers').selectAll().where('id', '=', workerId).executeTakeFirst();
    if (!w || !(p.role === 'admin' || (p.role === 'dispatcher' && inScope(p, w.county_code))))
      throw new NotFoundError('worker');
    const batch = await tx
      .selectFrom('batches')
      .select(['id', 'status'])
      .where('id', '=', w.batch_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const u = parsed.data;
    await tx
      .updateTable('batch_workers')
      .set({
        health_code: u.healthCode,
        ...(u.healthCodeProvince !== undefined ? { health_code_province: u.healthCodeProvince } : {}),
        ...(u.nucleicTestAt !== undefined ? { nucleic_test_at: u.nucleicTestAt } : {}),
      })
      .where('id', '=', w.id)
      .execute();
    if (w.status !== 'held') return { workerId: w.id, status: w.status, placed: false };
    if (!HEALTH_HOLDS.includes(w.hold_code ?? ''))
      throw new ConflictError(`worker is held for another reason: ${w.hold_reason}`);
    if (batch.status !== 'planned') return { workerId: w.id, status: 'held', placed: false };
    const family = w.family_id
      ? await tx
          .selectFrom('batch_workers')
          .select('id')
          .where('batch_id', '=', w.batch_id)
          .where('family_id', '=', w.family_id)
          .where('status', '=', 'held')
          .where('hold_code', 'in', HEALTH_HOLDS)
          .execute()
      : [];
    const ids = [...new Set([w.id, ...family.map((f) => f.id)])];
    const placement = await placeIntoPlannedBatch(deps, tx, w.batch_id, ids);
    const trip = [...placement.changed, ...placement.added].find((t) => t.passengers.some((x) => x.workerId === w.id));
    const held = placement.held.find((h) => h.workerId === w.id);
    return {
      workerId: w.id,
      status: trip ? 'planned' : 'held',
      placed: !!trip,
      tripKey: trip?.key ?? null,
      holdCode: held?.code ?? null,
      reason: held?.reason ?? null,
    };
  });
}
