import type { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import type { Clock } from '../clock';
import type { AppConfig } from '../config/env';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import type { PlanJob } from '../contracts/jobs';
import type { Places } from '../domain/reference/places';
import type { Policies } from '../reference/load-fixtures';
import type { PersonalDataCipher } from '../crypto/personal-data';

export interface ApiDeps {
  config: AppConfig;
  db: Database;
  queue: Queue<PlanJob>;
  /** The producer's Redis connection (readiness, rate limits). */
  redis: IORedis;
  log: Logger;
  /** One line per request, without redaction (see createAccessLogger). */
  accessLog: Logger;
  knownFactories: () => Promise<Set<string>>;
  knownCounties: () => Promise<Set<string>>;
  /** Older county codes (an earlier vintage of GB/T 2260) and the codes they are today. */
  countyAliases: () => Promise<Map<string, string>>;
  places: () => Promise<Places>;
  /** The gazetteer changed here (a correction, a factory registered): drop this process's cached copy. */
  referenceChanged: () => void;
  policies: Policies;
  cipher: PersonalDataCipher;
  /** Days of public notice before a subsidy list may be approved. */
  noticeDays: number;
  /** The one clock of the process (see src/clock.ts). */
  clock: Clock;
}
