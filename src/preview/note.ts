// The merge-request note of a goals preview: the summary table with the new goals and what
// changed against the published report. Pure Markdown; the hidden marker lets the next push find
// and edit this note instead of adding another one.
import type { HealthLevel, ReportModel } from '../evaluate/model.ts';
import type { ConnectionChange } from './connections.ts';
import { type GoalsDiff, isEmptyDiff } from './diff.ts';
import { forGitlabMarkdown } from '../render/escape.ts';

/** One marker per goals file, so two goals files in one project keep two notes. */
export function noteMarker(goalsFile: string): string {
  return `<!-- community-pulse:goals-preview ${goalsFile.replace(/--+/g, '-').replace(/>/g, '')} -->`;
}

export interface NoteInput {
  goalsFile: string;
  diff: GoalsDiff;
  report: ReportModel;
  /** Short commit the preview was made at, when known. */
  commit?: string | undefined;
  /** Where the rendered page and email are (the job's artifacts), when known. */
  artifactsUrl?: string | undefined;
  /** Merge-request pipelines: the target branch and the connection settings the MR changes against it. */
  connections?: { target: string; changes: readonly ConnectionChange[] } | undefined;
}

const ICON: Record<HealthLevel, string> = { 3: '🟢', 2: '🟡', 1: '🔴', 0: '⚪' };

/** A Markdown table cell: one line, pipes escaped, no HTML, mention, reference, link, image or quick action (see forGitlabMarkdown). */
export function cell(text: string): string {
  return forGitlabMarkdown(text);
}

function health(level: HealthLevel, label: string): string {
  // The word carries the meaning; the icon only helps scanning (never colour alone).
  return `${ICON[level]} ${label}`;
}

function list(title: string, names: string[]): string[] {
  return names.length ? [`**${title}:** ${names.map(cell).join(', ')}`, ''] : [];
}

function changes(diff: GoalsDiff): string[] {
  if (isEmptyDiff(diff)) return [`No change to targets, metrics or health against the published report for ${diff.period}.`, ''];
  const out: string[] = [];
  if (diff.targets.length) {
    out.push('**Targets changed**', '', '| metric | before | after |', '| --- | --- | --- |');
    for (const t of diff.targets) out.push(`| ${cell(t.name)} | ${cell(t.before)} | ${cell(t.after)} |`);
    out.push('');
  }
  if (diff.health.length) {
    out.push(`**Health for ${diff.period} changes**`, '', '| metric | before | after | why |', '| --- | --- | --- | --- |');
    for (const h of diff.health) out.push(`| ${cell(h.name)} | ${health(h.before.level, h.before.label)} | ${health(h.after.level, h.after.label)} | ${cell(h.reason)} |`);
    out.push('');
  }
  out.push(
    ...list(
      'Metrics added (first collected by the next report)',
      diff.added.map((m) => `${m.name} (\`${m.id}\`)`),
    ),
  );
  out.push(
    ...list(
      'Metrics removed (left out of the next report; their history stays)',
      diff.removed.map((m) => `${m.name} (\`${m.id}\`)`),
    ),
  );
  out.push(
    ...list(
      'Definitions changed (the next value starts a new series, no comparison across it)',
      diff.definitions.map((m) => m.name),
    ),
  );
  out.push(
    ...list(
      'Renamed',
      diff.renamed.map((m) => `${m.before} → ${m.name}`),
    ),
  );
  return out;
}

function connectionWarning(connections: NoteInput['connections']): string[] {
  if (!connections?.changes.length) return [];
  const shown = (value: string | undefined) => (value === undefined ? '_(not set)_' : cell(value));
  return [
    `> **⚠️ This merge request changes where community-pulse connects, which credentials it uses, or where it sends the report.**`,
    `> This preview did not follow these changes: it used the settings of \`${cell(connections.target)}\` and sent no credential anywhere new. After the merge, the monthly job will use them: check each one.`,
    '',
    `| setting | on ${cell(connections.target)} | in this merge request |`,
    '| --- | --- | --- |',
    ...connections.changes.map((c) => `| ${cell(c.path)} | ${shown(c.before)} | ${shown(c.after)} |`),
    '',
  ];
}

/** The whole note body. */
export function formatNote({ goalsFile, diff, report, commit, artifactsUrl, connections }: NoteInput): string {
  const { counts } = report.summary;
  const at = commit ? ` at ${commit}` : '';
  return [
    noteMarker(goalsFile),
    `### community-pulse preview of \`${cell(goalsFile)}\`${at}`,
    '',
    ...connectionWarning(connections),
    `The published report for **${report.period.name}** judged again with these goals. No API was called: values are the stored ones.`,
    '',
    ...changes(diff),
    `**With these goals:** ${counts.okay} okay · ${counts.attention} attention · ${counts.problem} problem · ${counts.unknown} unknown`,
    '',
    '| | metric | health | reason |',
    '| --- | --- | --- | --- |',
    ...report.summary.rows.map((r) => `| ${r.is_key ? 'KPI' : ''} | ${cell(r.name)} | ${health(r.level, r.label)} | ${cell(r.reason)} |`),
    '',
    artifactsUrl ? `The page and the email as they would look are in the [job's artifacts](${artifactsUrl}). ` : '',
    '_This note is updated on every push to the merge request._',
    '',
  ]
    .filter((line, i, all) => !(line === '' && all[i - 1] === ''))
    .join('\n');
}
