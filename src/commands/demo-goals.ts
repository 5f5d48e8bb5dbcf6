// `demo --goals FILE`: a team's own goals file against the sample world, before any token exists.
// Pure: the team's metrics, targets and report settings stay as written; each source is pointed at
// the sample world's API of the same type (its whole connection: URL, ids, the env var names the
// sample world sets), and publishing goes to the sample handbook and SMTP server. A source type the
// sample world has no API for is left out with its metrics, and said so — never silently.
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { PulseError } from '../errors.ts';
import { parseGoals } from '../goals/load.ts';

export interface UnservedSource {
  source: string;
  type: string;
  metrics: string[];
}

export interface SampleGoals {
  /** The goals file the demo runs: the team's, pointed at the sample world. */
  yaml: string;
  /** "name (type)" of each source pointed at the sample world. */
  served: string[];
  unserved: UnservedSource[];
}

/** The team's goals file (`text`, read from `file`), pointed at the sample world of `sampleYaml`. */
export function goalsForSampleWorld(text: string, file: string, sampleYaml: string): SampleGoals {
  // Bad input is reported like `check` reports it: every problem, with file:line:col.
  const { goals } = parseGoals(text, file);
  const { goals: sample } = parseGoals(sampleYaml, 'the sample world');
  const doc = parseDocument(text);
  const sampleByType = new Map<string, unknown>();
  for (const config of Object.values(sample.sources)) if (!sampleByType.has(config.type)) sampleByType.set(config.type, config);
  const served: string[] = [];
  const unserved: UnservedSource[] = [];
  for (const [name, config] of Object.entries(goals.sources)) {
    const used = goals.metrics.filter((m) => m.source === name).map((m) => m.id);
    // Manual values need no API: they stay as the team wrote them.
    if (config.type === 'manual') {
      served.push(`${name} (manual)`);
      continue;
    }
    const twin = sampleByType.get(config.type);
    if (twin === undefined) {
      unserved.push({ source: name, type: config.type, metrics: used });
      doc.deleteIn(['sources', name]);
      continue;
    }
    doc.setIn(['sources', name], doc.createNode(twin));
    served.push(`${name} (${config.type})`);
  }
  const left = new Set(unserved.map((u) => u.source));
  goals.metrics.forEach((_m, i, all) => {
    const index = all.length - 1 - i;
    const metric = all[index];
    if (metric && left.has(metric.source)) doc.deleteIn(['metrics', index]);
  });
  if (goals.metrics.every((m) => left.has(m.source))) {
    throw new PulseError(
      'EARGS',
      `demo: the sample world serves none of the sources of ${file} (${unserved.map((u) => `${u.source}: ${u.type}`).join(', ')})`,
      'Run the demo without --goals to see the example goals file, or add a metric from a source type the sample world has (gitlab, discourse, ga4, plausible, youtube, repo-file, manual).',
    );
  }
  doc.setIn(['publish'], doc.createNode(sample.publish));
  // The copy lives in the demo's directory: a template override is found where the team keeps it.
  const templates = goals.report.templates_dir;
  if (templates && !isAbsolute(templates)) doc.setIn(['report', 'templates_dir'], resolve(dirname(file), templates));
  const yaml = doc.toString();
  parseGoals(yaml, 'the goals file pointed at the sample world');
  return { yaml, served, unserved };
}
