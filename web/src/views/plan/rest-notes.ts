import type { PlanWord, Say } from './mode-option-text';

/**
 * Rest stops carry the planner's English note (src/domain/planning/drive-schedule.ts); the console reads the known
 * shapes and writes them in the reader's language, and shows any other note as it came.
 */
const SHAPES: [RegExp, (m: RegExpExecArray) => [PlanWord, Record<string, string>]][] = [
  [/^relay: crew (\d+) takes over$/, (m) => ['restRelay', { n: m[1] }]],
  [/^overnight rest\b/, () => ['restOvernight', {}]],
  [/^driver change: driver (\d+) has driven (\d+) min in 24 h$/, (m) => ['restDriverChange', { n: m[1], min: m[2] }]],
  [/^driving break after (\d+) min$/, (m) => ['restBreak', { min: m[1] }]],
  [/^night curfew (\S+)–(\S+)$/, (m) => ['restCurfew', { from: m[1], to: m[2] }]],
];

export function restNote(note: string, say: Say): string {
  for (const [re, words] of SHAPES) {
    const m = re.exec(note);
    if (m) return say(...words(m));
  }
  return note;
}

/** Notes that change who drives (a relay crew, a driver change) or stop the bus overnight: shown with the duty. */
export const isDutyNote = (note: string): boolean => /^(relay|overnight rest|driver change)\b/.test(note);
