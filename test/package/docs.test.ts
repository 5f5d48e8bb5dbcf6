// The README is the entry page and docs/ holds the rest, by reader; the package ships both. Every
// relative link in them (and in CONTRIBUTING.md, templates/ and the folders' READMEs) must reach a
// file that exists, and an anchor must name a heading of that file — as GitHub and GitLab both
// spell it, since the same Markdown is read on either.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/**
 * Pages other branches are writing at the same time, linked from here already. They do not exist
 * on this branch; the lead removes this list once those branches are merged (the last test below
 * fails as soon as one of them exists, so the list cannot outlive its reason).
 */
const pendingMerge: readonly string[] = [];

function markdownUnder(dir: string, only?: (name: string) => boolean): string[] {
  if (!existsSync(join(ROOT, dir))) return [];
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return markdownUnder(path, only);
    return e.name.endsWith('.md') && (only?.(e.name) ?? true) ? [path] : [];
  });
}

const pages = ['README.md', 'CONTRIBUTING.md', ...markdownUnder('docs'), ...markdownUnder('templates'), ...markdownUnder('src', (name) => name === 'README.md')];

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return sourcesUnder(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** The string literals of a TypeScript file (quotes and template text), comments left out. */
function stringLiterals(code: string): string {
  return [...code.matchAll(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g)]
    .map((m) => m[0])
    .filter((s) => !s.startsWith('//') && !s.startsWith('/*'))
    .map((s) => s.replace(/\n/g, ' '))
    .join('\n');
}

/** The Markdown outside fenced code blocks and code spans, where a link is a link. */
function prose(text: string): string {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of text.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      lines.push('');
    } else if (marker !== undefined) {
      fence = marker;
      lines.push('');
    } else lines.push(line.replace(/(`+)[\s\S]*?\1/g, ''));
  }
  return lines.join('\n');
}

interface Link {
  page: string;
  line: number;
  target: string;
}

function linksOf(page: string): Link[] {
  const out: Link[] = [];
  prose(readFileSync(join(ROOT, page), 'utf8'))
    .split('\n')
    .forEach((text, i) => {
      for (const m of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) out.push({ page, line: i + 1, target: m[1] ?? '' });
    });
  return out.filter((l) => !/^[a-z][a-z0-9+.-]*:/i.test(l.target));
}

/** A heading's anchor as GitHub writes it: lower case, punctuation dropped, each space a hyphen. */
function githubSlug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/ /g, '-');
}

/** As GitLab writes it: the same, then runs of hyphens made one. */
function gitlabSlug(heading: string): string {
  return githubSlug(heading.trim()).replace(/-+/g, '-');
}

/** The anchors a page offers under both spellings (duplicates numbered as both hosts do). */
function anchorsOf(page: string): Set<string> {
  const github = new Map<string, number>();
  const gitlab = new Map<string, number>();
  const both = new Set<string>();
  const numbered = (seen: Map<string, number>, slug: string) => {
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    return n === 0 ? slug : `${slug}-${n}`;
  };
  for (const line of prose(readFileSync(join(ROOT, page), 'utf8')).split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const explicit = /\{#([\w-]+)\}\s*$/.exec(heading)?.[1];
    if (explicit !== undefined) both.add(explicit);
    const text = heading.replace(/\s*\{#[\w-]+\}\s*$/, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const a = numbered(github, githubSlug(text));
    const b = numbered(gitlab, gitlabSlug(text));
    if (a === b) both.add(a);
  }
  return both;
}

describe('the README and docs/', () => {
  const links = pages.flatMap(linksOf);

  it('finds the pages and their links', () => {
    expect(pages).toEqual(expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'docs/README.md', 'docs/commands.md', 'docs/sources/gitlab.md']));
    expect(links.length).toBeGreaterThan(50);
  });

  it('links only to files that exist (or are listed as pending a merge) and to headings they have', () => {
    const broken: string[] = [];
    for (const { page, line, target } of links) {
      const [path = '', anchor] = target.split('#');
      const file =
        path === ''
          ? page
          : normalize(join(dirname(page), decodeURIComponent(path)))
              .split('\\')
              .join('/');
      const where = `${page}:${line}: ${target}`;
      if (file.startsWith('..')) broken.push(`${where} (outside the repository)`);
      else if (!existsSync(join(ROOT, file))) {
        if (!pendingMerge.includes(file)) broken.push(`${where} (no file ${file})`);
      } else if (anchor !== undefined && anchor !== '') {
        if (!file.endsWith('.md') || statSync(join(ROOT, file)).isDirectory()) broken.push(`${where} (an anchor into a file that is not Markdown)`);
        else if (!anchorsOf(file).has(anchor)) broken.push(`${where} (no heading #${anchor} in ${file})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('keeps the README an entry page that reaches every page of docs/', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme.split('\n').length).toBeLessThanOrEqual(200);
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm test');
    // Reachable: linked from the README or from the docs index the README links.
    const reached = new Set(
      links
        .filter((l) => l.page === 'README.md' || l.page === 'docs/README.md')
        .map((l) =>
          normalize(join(dirname(l.page), l.target.split('#')[0] ?? ''))
            .split('\\')
            .join('/'),
        ),
    );
    expect(reached).toContain('docs/README.md');
    const unreached = [...markdownUnder('docs'), ...pendingMerge].filter((p) => p !== 'docs/README.md' && !reached.has(p));
    expect(unreached).toEqual([]);
  });

  it('ships docs/ in the package', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toEqual(expect.arrayContaining(['README.md', 'docs']));
    // What npm would pack (scripts skipped: the build is not what is asked about here).
    const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { files: { path: string }[] }[];
    const paths = new Set(packed[0]?.files.map((f) => f.path));
    const missing = markdownUnder('docs').filter((p) => !paths.has(p));
    expect(missing).toEqual([]);
    expect(paths).toContain('README.md');
  });

  it('points users at pages the package ships: error fixes, messages and schema descriptions name docs/, never a README under src/', () => {
    // src/ ships compiled, without its READMEs; what a message or the JSON Schema sends a user to
    // must be in docs/.
    const sourceTypes = readdirSync(join(ROOT, 'src/sources'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    const problems: string[] = [];
    const texts: [string, string][] = [['goals.schema.json', readFileSync(join(ROOT, 'goals.schema.json'), 'utf8')], ...sourcesUnder('src').map((f): [string, string] => [f, stringLiterals(readFileSync(join(ROOT, f), 'utf8'))])];
    for (const [file, text] of texts) {
      // A sentence naming a README (a bare 'README.md' is a file name, e.g. in the sample handbook).
      for (const line of text.split('\n')) if (/README/.test(line) && /\s/.test(line)) problems.push(`${file} sends the user to a README: ${line.slice(0, 120)}`);
      for (const [ref] of text.matchAll(/docs\/[\w/<>.-]+?\.md/g)) {
        const pages = ref.includes('<type>') ? sourceTypes.map((t) => ref.replace('<type>', t)) : [ref];
        for (const page of pages) if (!existsSync(join(ROOT, page)) && !pendingMerge.includes(page)) problems.push(`${file} names ${page}, which does not exist`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists as pending a merge only pages that are missing and linked', () => {
    const linked = new Set(
      links.map((l) =>
        normalize(join(dirname(l.page), l.target.split('#')[0] ?? ''))
          .split('\\')
          .join('/'),
      ),
    );
    for (const page of pendingMerge) {
      expect(existsSync(join(ROOT, page)), `${page} exists now: remove it from pendingMerge`).toBe(false);
      expect(linked, `${page} is linked from somewhere`).toContain(page);
    }
  });
});
