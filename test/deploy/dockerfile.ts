import { readFileSync } from 'node:fs';

/** One stage of a Dockerfile: its base image and its instructions, continuation lines joined. */
export interface Stage {
  from: string;
  name: string | null;
  instructions: Array<{ keyword: string; args: string }>;
}

/** Reads a Dockerfile into stages; enough of the syntax for our own file (no heredocs). */
export function readDockerfile(path: string): Stage[] {
  const logical: string[] = [];
  let pending = '';
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(pending + line);
    pending = '';
  }
  const stages: Stage[] = [];
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const [image = '', as, name] = args.split(/\s+/);
      stages.push({
        from: image,
        name: as?.toUpperCase() === 'AS' ? (name ?? null) : null,
        instructions: [],
      });
      continue;
    }
    stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
  }
  return stages;
}

export function instructions(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
}

/** `ENV A=1 B=2` lines of a stage as one record (values without quotes or spaces only). */
export function environment(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of instructions(stage, 'ENV')) {
    for (const pair of line.split(/\s+/)) {
      const [name, ...value] = pair.split('=');
      if (name) env[name] = value.join('=');
    }
  }
  return env;
}

/** The exec-form array of a CMD or HEALTHCHECK … CMD instruction. */
export function execForm(args: string): string[] {
  const start = args.indexOf('[');
  if (start < 0) throw new Error(`not in exec form: ${args}`);
  return JSON.parse(args.slice(start)) as string[];
}
