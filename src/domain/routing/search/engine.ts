import { savingsConstruction } from '../construct/savings';
import { makeContext, type Context } from '../context';
import { LocalSearch } from '../ls/local-search';
import type { Progress, SolveOptions } from '../options';
import { Rng } from '../prng';
import { normalizeProblem, type RoutingProblem } from '../problem';
import { WorkSolution } from '../work';
import { Annealing } from './annealing';
import { BlinkRecreate, DEFAULT_RECREATE } from './recreate';
import { DEFAULT_RUIN, StringRuin } from './ruin';

const DEFAULT_ITERATIONS = 10_000;

/** Ruin-and-recreate with simulated annealing and local search; one `step()` per iteration. */
export class Engine {
  readonly ctx: Context;
  readonly rng: Rng;
  readonly best: WorkSolution;
  private readonly cur: WorkSolution;
  private readonly cand: WorkSolution;
  private readonly ruin: StringRuin;
  private readonly recreate: BlinkRecreate;
  private readonly ls: LocalSearch | null;
  private sa: Annealing;
  private readonly maxIter: number;
  private readonly start: number;
  private readonly deadline: number;
  iteration = 0;
  stoppedBy: 'iterations' | 'time' = 'iterations';

  constructor(
    problem: RoutingProblem,
    private readonly o: SolveOptions = {},
  ) {
    if (o.timeLimitMs !== undefined && !o.now) throw new Error('timeLimitMs requires an injected now()');
    this.ctx = makeContext(normalizeProblem(problem));
    this.rng = new Rng(o.seed ?? 1);
    const n = this.ctx.n;
    this.ruin = new StringRuin(n, { ...DEFAULT_RUIN, ...o.ruin });
    this.recreate = new BlinkRecreate(n, { ...DEFAULT_RECREATE, ...o.recreate });
    this.ls = o.localSearch === false ? null : new LocalSearch(this.ctx, o.neighbours ?? 30);
    this.maxIter = o.maxIterations ?? (o.timeLimitMs !== undefined ? Infinity : DEFAULT_ITERATIONS);
    this.start = o.now ? o.now() : 0;
    this.deadline = o.timeLimitMs !== undefined ? this.start + o.timeLimitMs : Infinity;
    this.cur = new WorkSolution(this.ctx);
    this.best = new WorkSolution(this.ctx);
    this.cand = new WorkSolution(this.ctx);
    this.sa = new Annealing(0, 0);
  }

  /** Phase 1 (after the constructor): Clarke–Wright savings. */
  construct(): void {
    this.cur.copyFrom(savingsConstruction(this.ctx));
  }

  /** Phase 2: local search on the initial solution and annealing set-up. */
  prepare(): void {
    this.ls?.run(this.cur, this.rng);
    this.best.copyFrom(this.cur);
    this.cand.copyFrom(this.cur);
    const scale = this.edgeScale(this.cur);
    const f = this.o.temperatureFactors ?? { initial: 1.5, final: 0.01 };
    this.sa = new Annealing(this.o.initialTemperature ?? f.initial * scale, this.o.finalTemperature ?? f.final * scale);
  }

  /** Mean cost of an edge of the initial solution (penalty excluded). */
  private edgeScale(s: WorkSolution): number {
    const routes = s.countRoutes();
    const plain = s.total - routes * this.ctx.cm.routePenalty;
    return Math.max(1, plain / (this.ctx.inst.customers.length + routes));
  }

  private progress(): number {
    if (this.maxIter !== Infinity) return this.iteration / this.maxIter;
    const now = this.o.now!();
    return (now - this.start) / (this.deadline - this.start);
  }

  done(): boolean {
    if (this.iteration >= this.maxIter || this.ctx.inst.customers.length === 0) return true;
    if (this.deadline !== Infinity && this.o.now!() >= this.deadline) {
      this.stoppedBy = 'time';
      return true;
    }
    return false;
  }

  /**
   * One ruin-and-recreate iteration. Invariant: `cand` equals `cur` at the start; afterwards
   * only the routes the iteration touched are copied one way or the other.
   */
  step(): void {
    const T = this.sa.temperature(this.progress());
    const cand = this.cand;
    this.ruin.run(cand, this.rng);
    this.recreate.run(cand, this.ruin.removed, this.ruin.count, this.rng);
    let full = false;
    if (cand.total < this.best.total) {
      if (this.ls) {
        this.ls.run(cand, this.rng, true);
        full = true;
      }
      this.best.copyFrom(cand);
    }
    if (this.sa.accept(cand.total, this.cur.total, T, this.rng)) {
      if (full) this.cur.copyFrom(cand);
      else this.cur.syncFrom(cand, cand.dirtyList);
    } else if (full) this.cand.copyFrom(this.cur);
    else cand.syncFrom(this.cur, cand.dirtyList);
    cand.clean();
    this.iteration++;
  }

  elapsed(): number {
    return this.o.now ? this.o.now() - this.start : 0;
  }

  progressReport(): Progress {
    const pen = this.ctx.cm.routePenalty;
    return {
      iteration: this.iteration,
      bestCost: this.best.total - pen * this.best.countRoutes(),
      bestVehicles: this.best.countRoutes(),
      currentCost: this.cur.total - pen * this.cur.countRoutes(),
    };
  }
}
