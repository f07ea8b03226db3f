// `npm run bench -- draft-bot --trace`: the running bot's resident set sampled from outside every
// ~10 ms during the draft, with the phases it went through, so the peak can be put on a phase
// (the worker thread, storing and fingerprinting, the upload) instead of guessed.

import { readFileSync } from 'node:fs';
import type { SlackStandIn } from '../src/stand-in/index.ts';

interface Sample {
  at: number;
  rss: number;
  threads: number;
}

const PHASES = ['before worker', 'worker', 'after worker', 'upload', 'done'] as const;
type Phase = (typeof PHASES)[number];

export interface DraftTrace {
  /** Ms from the resolve to each phase's start (the worker seen by the process's thread count). */
  marks: Partial<Record<Phase, number>>;
  /** The highest VmRSS sampled in each phase, MB. */
  peaks: Partial<Record<Phase, number>>;
  samples: Sample[];
}

function sample(pid: number, at: number): Sample | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1]);
  return { at, rss: Math.round(field('VmRSS') / 1024), threads: field('Threads') };
}

/**
 * Samples `pid` until stopped. The worker's lifetime is read from the thread count (a draft
 * worker is the only thread the bot starts then); the upload's from the stand-in's calls.
 */
export function traceDraft(pid: number, slack: SlackStandIn): { stop(): DraftTrace } {
  const started = performance.now();
  const idleThreads = sample(pid, 0)?.threads ?? 0;
  const samples: Sample[] = [];
  const marks: DraftTrace['marks'] = { 'before worker': 0 };
  const peaks: DraftTrace['peaks'] = {};
  let phase: Phase = 'before worker';
  // Phases only move forward (the upload may begin before the worker's thread is reaped).
  const enter = (next: Phase, at: number) => {
    if (PHASES.indexOf(next) <= PHASES.indexOf(phase)) return;
    phase = next;
    marks[next] = at;
  };
  const timer = setInterval(() => {
    const at = Math.round(performance.now() - started);
    const s = sample(pid, at);
    if (!s) return;
    samples.push(s);
    if (phase === 'before worker' && s.threads > idleThreads) enter('worker', at);
    if (phase === 'worker' && s.threads <= idleThreads) enter('after worker', at);
    if (slack.callsTo('files.getUploadURLExternal').length > 0) {
      enter('upload', at);
    }
    if (slack.callsTo('files.completeUploadExternal').length > 0) enter('done', at);
    peaks[phase] = Math.max(peaks[phase] ?? 0, s.rss);
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return { marks, peaks, samples };
    },
  };
}

/** The phases' marks and peaks, and the curve at 250 ms steps (the highest sample in each). */
export function describeTrace(trace: DraftTrace): string {
  const phases = Object.entries(trace.marks).map(
    ([name, at]) => `${name} @${at} ms: peak ${trace.peaks[name as Phase] ?? '-'} MB`,
  );
  const steps = new Map<number, Sample>();
  for (const s of trace.samples) {
    const step = Math.floor(s.at / 250);
    const held = steps.get(step);
    if (!held || s.rss > held.rss) steps.set(step, s);
  }
  const curve = [...steps.values()].map(
    (s) => `${(s.at / 1000).toFixed(2)}s ${s.rss}/${s.threads}`,
  );
  return [
    `phases: ${phases.join('; ')}`,
    `curve (s MB/threads): ${curve.join(', ')}`,
    `samples: ${trace.samples.length}`,
  ].join('\n');
}
