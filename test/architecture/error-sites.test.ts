// Issue 20.5, "one home per fact": the wording of an error lives in the catalogue (src/errors.ts
// and the builders of src/errors/). A throw site outside it (or a request's authHint /
// notFoundHint for the HTTP client) may write its own fix only when that fix is a one-off naming
// the field, option or API at hand, said nowhere else, and in a file listed below.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { errorSites, normaliseFix, SRC, type ErrorSite } from './error-sites.ts';

/**
 * Files whose throw sites write their own fix, with how many: each fix names something only that
 * site knows (a goals-file field, an option, an API's own limit) and no other site says it. A new
 * inline fix fails the test: build it in src/errors/ (see docs/development.md, "Errors"), or, if
 * it really is a one-off, raise the count here. A count that falls must be lowered (a ratchet).
 */
const ONE_OFF_FIXES: Record<string, number> = {
  // The PEM line breaks of a downloaded service account key; a refused service account or OAuth
  // refresh token (authHint).
  'auth/google/index.ts': 2,
  'auth/google/jwt.ts': 1,
  // check --online in a merge request; the demo's sample-world source types and its clone;
  // the command list; --dry-run with --no-dry-run.
  'commands/check-run.ts': 1,
  'commands/demo-goals.ts': 1,
  'commands/demo-run.ts': 1,
  'commands/help.ts': 1,
  'commands/pipeline-options.ts': 1,
  // --note-token-env: the note token of THIS project, and the merge-request pipeline rule; the
  // MR note's own token and merge request (hints).
  'commands/preview-run.ts': 2,
  'preview/mr-note.ts': 2,
  // The shape a credential must have (one line, ASCII, length).
  'goals/env-values.ts': 1,
  // publish.handbook.branch names a branch that does not exist.
  'history/gitlab-store.ts': 1,
  // publish.handbook.on_manual_edit; PULSE_SMTP_REPLY_TIMEOUT_SECONDS; publish.email.smtp.
  'publish/handbook/where.ts': 1,
  'publish/targets.ts': 2,
  // Source-specific fields, limits and hints (each names the source's own field, credential or
  // endpoint): Discord bot and guild_id; Discourse keys, report types, DAU/MAU job, Data Explorer
  // plugin, columns and rows; GA4 property access; GitHub token kinds, search cap and endpoints;
  // exclude_members_of; milestone_pattern; the organisations file; JSON select, url and
  // credential_header; npm package names; Plausible site_id and API v2; repo-file project, ref and
  // date_field; YouTube oauth/api_key_env, channel_id, Data API quota and key.
  'sources/discord/api.ts': 2,
  'sources/discourse/active-users.ts': 1,
  'sources/discourse/api.ts': 5,
  'sources/discourse/data-explorer.ts': 3,
  'sources/ga4/index.ts': 2,
  'sources/github/api.ts': 4,
  'sources/gitlab/members.ts': 1,
  'sources/gitlab/milestones.ts': 1,
  'sources/gitlab/organisation-data.ts': 2,
  'sources/gitlab/organisations.ts': 1,
  'sources/json/api.ts': 2,
  'sources/json/index.ts': 3,
  'sources/npm/api.ts': 1,
  'sources/plausible/api.ts': 2,
  'sources/repo-file/api.ts': 2,
  'sources/repo-file/count.ts': 1,
  'sources/youtube/analytics.ts': 1,
  'sources/youtube/index.ts': 1,
  'sources/youtube/lifetime.ts': 4,
};

const inCatalogue = (site: ErrorSite) => site.file === 'errors.ts' || site.file.startsWith('errors/');

/** Pairs of sites outside the catalogue whose fixes say the same thing (case, punctuation and placeholders aside). */
function repeatedFixes(sites: readonly ErrorSite[]): string[] {
  const byText = new Map<string, string[]>();
  for (const site of sites) {
    if (site.source !== 'literal' || site.text === undefined || inCatalogue(site)) continue;
    const key = normaliseFix(site.text);
    byText.set(key, [...(byText.get(key) ?? []), `${site.file}:${site.line}`]);
  }
  return [...byText].filter(([, at]) => at.length > 1).map(([text, at]) => `"${text}" at ${at.join(', ')}`);
}

/** Every string the catalogue writes (src/errors.ts, src/errors/*.ts), normalised, long enough to be a fix. */
function catalogueTexts(): Set<string> {
  const paths = [join(SRC, 'errors.ts'), ...readdirSync(join(SRC, 'errors')).map((f) => join(SRC, 'errors', f))];
  const texts = new Set<string>();
  for (const path of paths) {
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) texts.add(normaliseFix(node.text));
      if (ts.isTemplateExpression(node)) texts.add(normaliseFix(node.head.text + node.templateSpans.map((s) => ` ${s.literal.text}`).join('')));
      ts.forEachChild(node, visit);
    };
    visit(ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
  }
  return new Set([...texts].filter((t) => t.split(' ').length >= 6));
}

function countsByFile(sites: readonly ErrorSite[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const site of sites) if (site.source === 'literal' && !inCatalogue(site)) counts[site.file] = (counts[site.file] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

describe('the error catalogue owns the wording', () => {
  const sites = errorSites();

  it('finds the throw sites (the scanner works on this tree)', () => {
    expect(sites.filter((s) => s.source === 'builder').length).toBeGreaterThan(30);
    expect(sites.length).toBeGreaterThan(60);
  });

  it('writes no fix twice outside the catalogue', () => {
    expect(repeatedFixes(sites)).toEqual([]);
  });

  it('has no throw site repeat a fix the catalogue writes', () => {
    const catalogue = catalogueTexts();
    const repeats = sites.filter((s) => s.source === 'literal' && s.text !== undefined && !inCatalogue(s) && catalogue.has(normaliseFix(s.text))).map((s) => `${s.file}:${s.line}`);
    expect(repeats).toEqual([]);
  });

  it('writes inline fixes only at the listed one-off sites', () => {
    expect(countsByFile(sites)).toEqual(ONE_OFF_FIXES);
  });

  it('catches a repeated inline fix, a template and a const included', () => {
    const files: Record<string, string> = {
      [join(SRC, 'a.ts')]: "const FIX = 'Re-run the job later.';\nthrow new PulseError('EAUTH', 'x', FIX);",
      [join(SRC, 'b.ts')]: 'throw new PulseError(\n  "EQUERY",\n  `y ${z}`,\n  `re-run the ${job} job later`,\n);',
      [join(SRC, 'c.ts')]: "import { gitlabNotFound } from '../errors/gitlab.ts';\nthrow gitlabNotFound({ root: 'group', path: 'g', instance: 'i' });\nthrow new PulseError('EARGS', 'm');",
      // A parameter hides the module's const of the same name: the fix is passed in, not written here.
      [join(SRC, 'd.ts')]: "const fix = 'Re-run the job later.';\nfunction f(fix: string) {\n  return new PulseError('EAUTH', 'x', fix);\n}",
      // A request's fix hint for the HTTP client is a fix too.
      [join(SRC, 'e.ts')]: 'const req = { url, notFoundHint: `Check ${x}: it must exist.` };',
    };
    const fake = errorSites(Object.keys(files), (path) => files[path] ?? '');
    expect(fake.map((s) => `${s.file}:${s.line} ${s.source}`)).toEqual(['a.ts:2 literal', 'b.ts:1 literal', 'c.ts:2 builder', 'c.ts:3 default', 'd.ts:3 passed', 'e.ts:1 literal']);
    expect(repeatedFixes(fake)).toEqual(['"re run the job later" at a.ts:2, b.ts:1']);
    expect(countsByFile(fake)).toEqual({ 'a.ts': 1, 'b.ts': 1, 'e.ts': 1 });
  });
});
