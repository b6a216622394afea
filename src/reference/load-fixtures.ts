import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths';
import type { z } from 'zod';
import { PlacesSchema, type Places } from '../domain/reference/places';
import { PlannerConfigSchema, type PlannerConfig } from '../domain/reference/planner-config';
import { SubsidyPolicySchema, type SubsidyPolicy } from '../domain/subsidy/subsidy-policy';
import { HealthPolicySchema, type HealthPolicy } from '../domain/health/health-policy';
import { ArrivalPolicySchema, type ArrivalPolicy } from '../domain/arrivals/arrival-policy';
import { IntakePolicySchema, type IntakePolicy } from '../domain/batch/intake-policy';
import { RegistrationPolicySchema, type RegistrationPolicy } from '../domain/reference/registration-policy';
import { NoticePolicySchema } from '../contracts/notice-policy';
import type { NoticePolicy } from '../domain/notices/notice-policy';

export const DEFAULT_FIXTURES_DIR = path.join(PROJECT_ROOT, 'fixtures');

/** Reads one JSON fixture and validates it with its schema; the error names the file and the path inside it. */
export function readFixture<S extends z.ZodType>(schema: S, file: string): z.output<S> {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 20).map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid fixture ${file}:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export const loadPlaces = (dir = DEFAULT_FIXTURES_DIR): Places =>
  readFixture(PlacesSchema, path.join(dir, 'places.json'));

export const loadPlannerConfig = (dir = DEFAULT_FIXTURES_DIR): PlannerConfig =>
  Object.freeze(readFixture(PlannerConfigSchema, path.join(dir, 'planner-config.json')));

export const loadSubsidyPolicy = (dir = DEFAULT_FIXTURES_DIR): SubsidyPolicy =>
  Object.freeze(readFixture(SubsidyPolicySchema, path.join(dir, 'subsidy-policy.json')));

export const loadHealthPolicy = (dir = DEFAULT_FIXTURES_DIR): HealthPolicy =>
  Object.freeze(readFixture(HealthPolicySchema, path.join(dir, 'health-policy.json')));

export const loadIntakePolicy = (dir = DEFAULT_FIXTURES_DIR): IntakePolicy =>
  Object.freeze(readFixture(IntakePolicySchema, path.join(dir, 'intake-policy.json')));

export const loadNoticePolicy = (dir = DEFAULT_FIXTURES_DIR): NoticePolicy =>
  Object.freeze(readFixture(NoticePolicySchema, path.join(dir, 'notice-policy.json')));

/** Every rule set the service runs on: planner tariffs and rules, health, subsidy and arrival policies. */
export interface Policies {
  planner: PlannerConfig;
  health: HealthPolicy;
  subsidy: SubsidyPolicy;
  arrivals: ArrivalPolicy;
  /** What intake accepts as plausible: home coordinates, years, working ages. */
  intake: IntakePolicy;
  /** What a factory registered through the API must satisfy. */
  registration: RegistrationPolicy;
  /** What pick-up notices say besides the trip: sender, hotline, what to bring. */
  notices: NoticePolicy;
}

export const loadPolicies = (dir = DEFAULT_FIXTURES_DIR): Policies =>
  Object.freeze({
    planner: loadPlannerConfig(dir),
    health: loadHealthPolicy(dir),
    subsidy: loadSubsidyPolicy(dir),
    arrivals: Object.freeze(readFixture(ArrivalPolicySchema, path.join(dir, 'arrival-policy.json'))),
    intake: loadIntakePolicy(dir),
    registration: Object.freeze(readFixture(RegistrationPolicySchema, path.join(dir, 'registration-policy.json'))),
    notices: loadNoticePolicy(dir),
  });
