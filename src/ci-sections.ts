// GitLab CI collapsible log sections: `section_start` / `section_end` escape lines around each
// stage, so the job log folds into one line per stage. Written only when CI is set: a terminal
// would print the escape codes as noise.
import type { Env } from './env.ts';

export interface SectionWriter {
  start(name: string, header: string, options?: { collapsed?: boolean }): void;
  end(name: string): void;
}

/** Section names may hold letters, digits, `_`, `.` and `-`. */
export function sectionId(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_.-]+/g, '_');
}

export function ciSections(env: Env, stream: { write(chunk: string): unknown }, now: () => Date): SectionWriter {
  if (!env.CI) return { start: () => undefined, end: () => undefined };
  const seconds = () => Math.floor(now().getTime() / 1000);
  return {
    start(name, header, options = {}) {
      stream.write(`\x1b[0Ksection_start:${seconds()}:${sectionId(name)}${options.collapsed ? '[collapsed=true]' : ''}\r\x1b[0K${header}\n`);
    },
    end(name) {
      stream.write(`\x1b[0Ksection_end:${seconds()}:${sectionId(name)}\r\x1b[0K\n`);
    },
  };
}
