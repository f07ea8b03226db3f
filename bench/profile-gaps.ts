// What ran in the event loop's longest turns of a profiled benchmark server:
// `SCRIBE_BENCH_CPU_PROFILE=<dir> npm run bench -- ack`, then `npx tsx bench/profile-gaps.ts <dir>`.
// For each of the longest turns (gaps-<pid>.json, written beside the profile by bench/servers.ts)
// it prints the functions that ran most in it by their own time, and the stacks they ran under.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { say } from './shared.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const TOP = 4;

/** One of a profile's longest event-loop turns: what ran most in it, by self time and by stack. */
export interface LongTurn {
  ms: number;
  /** Functions by their own time in the turn (ms), most first. */
  self: [string, number][];
  /** Stacks (outermost first, at most 12 frames) by time in the turn (ms), most first. */
  stacks: [string, number][];
}

/** The `top` longest of `gaps` that lie within the profile, described from its samples. */
export function longTurns(profile: Profile, gaps: [number, number][], top = TOP): LongTurn[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id: number) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return '?';
    const where = frame.url.split('/').slice(-2).join('/');
    return `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
  };
  const times: number[] = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas) {
    t += delta;
    times.push(t);
  }
  const ranked = (m: Map<string, number>): [string, number][] => [...m].sort((a, b) => b[1] - a[1]);
  return gaps
    .filter(([a, b]) => a >= profile.startTime && b <= profile.endTime)
    .sort((x, y) => y[1] - y[0] - (x[1] - x[0]))
    .slice(0, top)
    .map(([from, to]) => {
      const self = new Map<string, number>();
      const stacks = new Map<string, number>();
      for (const [i, at] of times.entries()) {
        if (at < from || at > to) continue;
        const id = profile.samples[i] ?? 0;
        const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
        self.set(name(id), (self.get(name(id)) ?? 0) + ms);
        const chain: string[] = [];
        for (let x: number | undefined = id; x !== undefined; x = parent.get(x))
          chain.push(name(x));
        const stack = chain.slice(0, 12).reverse().join(' > ');
        stacks.set(stack, (stacks.get(stack) ?? 0) + ms);
      }
      return { ms: (to - from) / 1000, self: ranked(self), stacks: ranked(stacks) };
    });
}

function main(dir: string | undefined): void {
  if (!dir) {
    process.stderr.write('usage: npx tsx bench/profile-gaps.ts <SCRIBE_BENCH_CPU_PROFILE dir>\n');
    process.exit(2);
  }
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const pid = /-(\d+)\.cpuprofile$/.exec(file)?.[1];
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
    const gapsFile = join(dir, `gaps-${pid}.json`);
    const gaps = JSON.parse(readFileSync(gapsFile, 'utf8')) as [number, number][];
    say(`# ${file}: ${gaps.length} turns over 35 ms`);
    for (const turn of longTurns(profile, gaps)) {
      say(`\n## a turn of ${turn.ms.toFixed(1)} ms`);
      for (const [k, ms] of turn.self.slice(0, 6)) say(`${ms.toFixed(1).padStart(7)} ms  ${k}`);
      for (const [k, ms] of turn.stacks.slice(0, 3))
        say(`${ms.toFixed(1).padStart(7)} ms  in ${k}`);
    }
  }
}

// Run as a script, not when a test imports it.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv[2]);
}
