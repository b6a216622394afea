import { z } from 'zod';
import { HealthCode } from '../domain/health/health-checks';
import { ProvinceCode } from '../domain/reference/places';

/** `PATCH /workers/:id/health`: a worker's new health status; absent fields stay as they are. */
export const HealthUpdateSchema = z.object({
  healthCode: HealthCode,
  healthCodeProvince: ProvinceCode.nullish(),
  nucleicTestAt: z.iso.datetime({ offset: true }).nullish(),
});
export type HealthUpdate = z.infer<typeof HealthUpdateSchema>;
