import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * The nice value a draft worker runs at: below the event loop's, so that on a busy machine the
 * kernel gives a core to the thread that acknowledges Slack first. On an idle one it changes
 * nothing: the worker still has a core of its own.
 */
export const DRAFT_WORKER_NICE = 10;

/**
 * Lowers the calling thread's scheduling priority (Linux: a thread is a task with an id of its
 * own, /proc/thread-self, which setpriority takes). Elsewhere, or when refused, nothing happens.
 * Returns the thread's id when it was lowered.
 */
export function lowerThisThread(nice = DRAFT_WORKER_NICE): number | null {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return null;
    setPriority(tid, nice);
    return tid;
  } catch {
    return null;
  }
}
