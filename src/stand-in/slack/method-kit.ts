import type { Workspace } from './workspace.ts';

export type MethodResult = Record<string, unknown> & { ok: boolean };

export interface MethodContext {
  workspace: Workspace;
  args: ArgReader;
  baseUrl: string;
}

export type MethodHandler = (ctx: MethodContext) => MethodResult;

export function ok(body: Record<string, unknown> = {}): MethodResult {
  return { ok: true, ...body };
}

export function fail(error: string): MethodResult {
  return { ok: false, error };
}

/** Typed access to decoded arguments; form bodies deliver every scalar as a string. */
export class ArgReader {
  constructor(readonly raw: Record<string, unknown>) {}

  /** A non-empty string, or undefined. */
  string(name: string): string | undefined {
    const value = this.raw[name];
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  int(name: string): number | undefined {
    const value = this.raw[name];
    const n = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10);
    return Number.isFinite(n) ? Math.trunc(n) : undefined;
  }

  bool(name: string): boolean {
    const value = this.raw[name];
    return value === true || value === 'true' || value === '1' || value === 1;
  }

  has(name: string): boolean {
    return this.raw[name] !== undefined && this.raw[name] !== '';
  }

  /** A list given as an array, a JSON array string or a comma-separated string. */
  list(name: string): string[] | undefined {
    let value = this.raw[name];
    if (typeof value === 'string' && value.trim().startsWith('[')) {
      try {
        value = JSON.parse(value);
      } catch {
        return undefined;
      }
    }
    if (Array.isArray(value)) return value.map(String).filter((s) => s !== '');
    if (typeof value !== 'string') return undefined;
    const items = value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    return items.length > 0 ? items : undefined;
  }
}
