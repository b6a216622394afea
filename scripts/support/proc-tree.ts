import { readdirSync, readFileSync } from 'node:fs';

/** The direct children of a process (every thread's), from /proc. */
export function childPids(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((t) =>
    readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
  );
}

/** A per-process figure summed over a process and all its descendants; 0 for a process that is gone. */
function sumOverTree(pid: number, own: (pid: number) => number): number {
  try {
    return own(pid) + childPids(pid).reduce((s, k) => s + sumOverTree(k, own), 0);
  } catch {
    return 0;
  }
}

const rssBytes = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident bytes of a process and all its descendants (tsx children, an API cluster's processes); 0 once gone. */
export const treeRss = (pid: number | undefined): number => (pid ? sumOverTree(pid, rssBytes) : 0);

/** CPU seconds used so far by a process and all its descendants. */
export const treeCpu = (pid: number): number => sumOverTree(pid, cpuSeconds);

/** CPU seconds used so far by the PostgreSQL backends serving one database (matched by their process title). */
export function databaseBackendsCpu(database: string): number {
  let total = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const title = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (title.startsWith('postgres: ') && title.includes(` ${database} `)) total += cpuSeconds(Number(d));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}
