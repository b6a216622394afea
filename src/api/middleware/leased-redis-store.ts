import type { IncrementResponse, Options, Store } from 'express-rate-limit';
import type { Clock } from '../../clock';

/**
 * Add `lease` hits to the key's counter (starting its window if new); answer the new count and the window's remaining
 * ms.
 */
const LEASE_SCRIPT = `
local n = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]); ttl = tonumber(ARGV[2]) end
return {n, ttl}`;

interface Lease {
  /** Counter value before this lease: the lease covers hits first+1 … first+size. */
  first: number;
  size: number;
  used: number;
  /** Wall-clock ms: express-rate-limit reports it to clients as a date (the RateLimit header's reset). */
  resetAt: number;
}

export interface RedisCaller {
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
}

/**
 * A rate-limit store that counts in Redis, shared by every API process, but takes hits from Redis a
 * lease at a time: one round trip per `lease` requests of a key instead of one per request. Each hit
 * still gets a unique position in the key's window, so the limit holds across processes; the cost is
 * that hits leased but unused when a window ends are counted, letting a key be limited at most
 * (processes × lease − 1) requests early. The lease is 1% of the limit (1 for small limits, exact).
 */
export class LeasedRedisStore implements Store {
  private windowMs = 60_000;
  private leaseSize = 1;
  private readonly leases = new Map<string, Lease>();
  private readonly pending = new Map<string, Promise<Lease>>();

  /** `clock`: the process's one clock; a lease's end is stated as a date (the RateLimit header's reset). */
  constructor(
    private readonly redis: RedisCaller,
    readonly prefix: string,
    private readonly clock: Clock,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
    const limit = typeof options.limit === 'number' ? options.limit : 1;
    this.leaseSize = Math.max(1, Math.min(100, Math.floor(limit / 100)));
  }

  async increment(key: string): Promise<IncrementResponse> {
    for (;;) {
      const lease = this.leases.get(key);
      if (lease && lease.used < lease.size && this.clock.now().getTime() < lease.resetAt) {
        lease.used++;
        return { totalHits: lease.first + lease.used, resetTime: new Date(lease.resetAt) };
      }
      await this.renew(key);
    }
  }

  /** Gives back a hit of the current lease (express-rate-limit's skip options). */
  decrement(key: string): void {
    const lease = this.leases.get(key);
    if (lease && lease.used > 0) lease.used--;
  }

  async resetKey(key: string): Promise<void> {
    this.leases.delete(key);
    await this.redis.call('DEL', this.prefix + key);
  }

  /** One lease request per key at a time: requests that run out together share it. */
  private renew(key: string): Promise<Lease> {
    let p = this.pending.get(key);
    if (!p) {
      p = this.redis
        .call('EVAL', LEASE_SCRIPT, 1, this.prefix + key, this.leaseSize, this.windowMs)
        .then((reply) => {
          const [count, ttl] = (reply as [number, number]).map(Number);
          const lease = {
            first: count - this.leaseSize,
            size: this.leaseSize,
            used: 0,
            resetAt: this.clock.now().getTime() + ttl,
          };
          if (this.leases.size > 10_000) this.leases.clear();
          this.leases.set(key, lease);
          return lease;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, p);
    }
    return p;
  }
}
