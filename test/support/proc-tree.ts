import { readdirSync, readFileSync } from 'node:fs';

/** The direct children of a process (every thread's), from /proc. */
export function childPids(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
}

/** Resident bytes of a process and all its descendants (tsx children, an API cluster's processes); 0 once gone. */
export function treeRss(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const own = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    return own + childPids(pid).reduce((s, k) => s + treeRss(k), 0);
  } catch {
    return 0;
  }
}
