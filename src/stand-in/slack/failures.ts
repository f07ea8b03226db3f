import type { ServerResponse } from 'node:http';
import type { StandInFailure } from './types.ts';

/** Failures queued per method, consumed one call at a time in the order they were queued. */
export class FailureQueue {
  private readonly queued = new Map<string, Array<{ failure: StandInFailure; left: number }>>();

  add(method: string, failure: StandInFailure, times: number): void {
    if (!Number.isInteger(times) || times < 1) {
      throw new RangeError(`failNext: times must be a positive integer, got ${times}`);
    }
    if ('hangMs' in failure && !(Number.isFinite(failure.hangMs) && failure.hangMs >= 0)) {
      throw new RangeError(`failNext: hangMs must be a non-negative number, got ${failure.hangMs}`);
    }
    if (
      'answerAfterMs' in failure &&
      !(Number.isFinite(failure.answerAfterMs) && failure.answerAfterMs >= 0)
    ) {
      throw new RangeError(
        `failNext: answerAfterMs must be a non-negative number, got ${failure.answerAfterMs}`,
      );
    }
    const list = this.queued.get(method) ?? [];
    list.push({ failure, left: times });
    this.queued.set(method, list);
  }

  take(method: string): StandInFailure | undefined {
    const list = this.queued.get(method);
    const head = list?.[0];
    if (!list || !head) return undefined;
    head.left -= 1;
    if (head.left === 0) list.shift();
    return head.failure;
  }

  clear(): void {
    this.queued.clear();
  }
}

/**
 * Holds a call for `ms`; resolves true if the caller is still waiting then, false as soon as it
 * has gone (timed out or the stand-in closed its connection).
 */
export function hold(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((done) => {
    const gone = () => {
      clearTimeout(timer);
      done(false);
    };
    const timer = setTimeout(() => {
      res.off('close', gone);
      done(!res.destroyed);
    }, ms);
    res.once('close', gone);
  });
}
