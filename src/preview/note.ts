// The merge-request note of a goals preview: the summary table with the new goals and what
// changed against the published report. Pure Markdown; the hidden marker lets the next push find
// and edit this note instead of adding another one.
import type { HealthLevel, ReportModel } from '../evaluate/model.ts';
import type { ConnectionChange } from './connections.ts';
import { type FieldChange, type GoalsDiff, isEmptyDiff } from './diff.ts';
import { formatNumber } from '../evaluate/format.ts';
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

/** "tolerance: 0.1 → 0.05" for each field; "(not set)" for a missing side. */
function fieldList(fields: readonly FieldChange[]): string {
  const shown = (value: string | undefined) => (value === undefined ? '(not set)' : value);
  return fields.map((f) => `${f.field}: ${shown(f.before)} → ${shown(f.after)}`).join('; ');
}

function amount(value: number | null): string {
  return value === null ? '_(none)_' : cell(formatNumber(value));
}

function manualValues(diff: GoalsDiff): string[] {
  if (!diff.manual.length) return [];
  const next = diff.manual[0]?.next_period ?? '';
  const out = [`**Hand-typed values** (the manual source: reviewed here, they are the report's numbers)`, '', `| metric | ${diff.period} published | ${diff.period} in this file | ${next} in this file |`, '| --- | --- | --- | --- |'];
  for (const m of diff.manual) {
    const typed = m.typed === m.stored ? amount(m.typed) : `**${amount(m.typed)}** (changed)`;
    out.push(`| ${cell(m.name)} | ${amount(m.stored)} | ${typed} | ${m.next === null ? '_(not typed in yet)_' : amount(m.next)} |`);
  }
  out.push('');
  return out;
}

function teamNotes(diff: GoalsDiff): string[] {
  if (!diff.commentary.length) return [];
  const out = ["**The team's notes** (shown on the page and in the email beside the computed reasons)", '', '| metric | month | note | against the target branch |', '| --- | --- | --- | --- |'];
  for (const c of diff.commentary) {
    const status = c.before === undefined ? '' : c.before === null ? 'new' : c.before === c.text ? 'unchanged' : `changed (was: ${cell(c.before)})`;
    out.push(`| ${cell(c.name)} | ${c.period} | ${cell(c.text)} | ${status} |`);
  }
  out.push('');
  return out;
}

function changes(diff: GoalsDiff): string[] {
  const out: string[] = [];
  if (isEmptyDiff(diff)) out.push(`No change to targets, metrics, definitions, hand-typed values, team notes or health against the published report for ${diff.period}.`, '');
  if (diff.targets.length) {
    out.push('**Targets changed**', '', '| metric | before | after | fields (old → new) |', '| --- | --- | --- | --- |');
    for (const t of diff.targets) out.push(`| ${cell(t.name)} | ${cell(t.before)} | ${cell(t.after)} | ${cell(fieldList(t.fields))} |`);
    out.push('');
  }
  if (diff.health.length) {
    const before = diff.before_from === 'old goals' ? 'before (old goals)' : 'before (published)';
    out.push(`**Health for ${diff.period} changes**`, '', `| metric | ${before} | after | why (every reason) |`, '| --- | --- | --- | --- |');
    for (const h of diff.health) out.push(`| ${cell(h.name)} | ${health(h.before.level, h.before.label)} | ${health(h.after.level, h.after.label)} | ${cell(h.reasons.join('; '))} |`);
    out.push('');
  }
  if (diff.definitions.length) {
    out.push('**Definitions changed** (the next value starts a new series, no comparison across it)', '', '| metric | field | before | after |', '| --- | --- | --- | --- |');
    const shown = (value: string | undefined) => (value === undefined ? '_(not set)_' : cell(value));
    for (const d of diff.definitions) for (const f of d.fields) out.push(`| ${cell(d.name)} | ${cell(f.field)} | ${shown(f.before)} | ${shown(f.after)} |`);
    out.push('');
  }
  out.push(...manualValues(diff));
  out.push(...teamNotes(diff));
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
  // Every reason, not the first: "missing from history" must not hide behind the target's verdict.
  const reasons = new Map(report.metrics.map((m) => [m.id, m.health.reasons.join('; ')]));
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
    '| | metric | health | reasons |',
    '| --- | --- | --- | --- |',
    ...report.summary.rows.map((r) => `| ${r.is_key ? 'KPI' : ''} | ${cell(r.name)} | ${health(r.level, r.label)} | ${cell(reasons.get(r.id) ?? r.reason)} |`),
    '',
    artifactsUrl ? `The page and the email as they would look are in the [job's artifacts](${artifactsUrl}). ` : '',
    '_This note is updated on every push to the merge request._',
    '',
  ]
    .filter((line, i, all) => !(line === '' && all[i - 1] === ''))
    .join('\n');
}
