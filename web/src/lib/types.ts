/**
 * Shapes of the API's JSON answers the console reads: the server's contracts (src/contracts), imported as types
 * only, so the console and the API cannot drift apart and no zod code reaches the bundle.
 */
export type { Mode } from '../../../src/domain/planning/plan-schema';
export type { PlanLeg as Leg, PlanStop as Stop } from '../../../src/domain/planning/plan-schema';
export type { HealthCode } from '../../../src/domain/health/health-checks';
export type { RowError } from '../../../src/domain/batch/row-error';
export type { Places } from '../../../src/domain/reference/places';
export type {
  BatchStatusView as BatchStatus,
  HeldView as HeldWorker,
  PassengerView as Passenger,
  PlanView as Plan,
  TripView as Trip,
} from '../../../src/contracts/plan-view';
export type { BatchListAnswer, BatchListItem } from '../../../src/contracts/batch-list';
export type { MoveTarget, MoveTargetsAnswer } from '../../../src/contracts/move-targets';
export type { NoticeView as PickupNotice, TripNoticesAnswer } from '../../../src/contracts/pickup-notices';
export type { BoardingAnswer, BoardingCheck, BoardingView } from '../../../src/contracts/boarding';
export type { ExpectedArrival as Arrival } from '../../../src/contracts/arrivals-view';
export type {
  AuditEntryView as AuditEntry,
  AuditTrail,
  SubsidyListItem,
  SubsidyListAnswer as SubsidyList,
  SubsidyListsPage,
  SubsidyView as Subsidy,
} from '../../../src/contracts/subsidies-view';
export type { FlowAction, FlowRefusal, ListActions } from '../../../src/domain/subsidy/list-actions';
