// The organisations file: who works for which organisation, from when until when, and which
// organisations are customers with what ARR. One affiliation per YAML entry or CSV row:
//   organisation, username and/or domain, customer, tier, arr, from, until
// Organisation attributes (customer, tier, arr) may be repeated on several rows but must agree.
// Every problem is reported at once, each as FILE:LINE:COL, like the goals file.
import { isMap, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { PulseError } from '../../errors.ts';
import { normaliseUsername } from './bots.ts';
import { OrganisationRow } from './responses.ts';

export interface Organisation {
  name: string;
  /** A customer: `customer: true`, or any `tier`. */
  customer: boolean;
  tier: string | null;
  /** Annual recurring revenue (the file's currency); 0 when not given. */
  arr: number;
}

interface Affiliation {
  organisation: string;
  /** Inclusive days, YYYY-MM-DD; null = open-ended. */
  from: string | null;
  until: string | null;
  line: number;
}

export interface OrganisationsDirectory {
  organisations: ReadonlyMap<string, Organisation>;
  /** The organisation of a person on a day (YYYY-MM-DD), by username first, then public-email domain; null = unaffiliated. */
  organisationOf(username: string, email: string | null | undefined, day: string): Organisation | null;
}

const FIELDS = ['organisation', 'username', 'domain', 'customer', 'tier', 'arr', 'from', 'until'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

interface Positioned {
  fields: Record<string, unknown>;
  /** Line and column of the row, and of each field's value when known. */
  at: { line: number; col: number };
  fieldAt(field: string): { line: number; col: number };
}

function isCalendarDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

function dayOf(value: unknown): string | null | undefined {
  if (value === undefined || value === null || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  return typeof value === 'string' && isCalendarDay(value.trim()) ? value.trim() : undefined;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** One value, or a YAML list of them; empty when absent. */
function textsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(textOf).filter((t): t is string => t !== undefined);
  const one = textOf(value);
  return one === undefined ? [] : [one];
}

function booleanOf(value: unknown): boolean | null | undefined {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const t = value.trim().toLowerCase();
  if (t === 'true' || t === 'yes') return true;
  if (t === 'false' || t === 'no') return false;
  return undefined;
}

function numberOf(value: unknown): number | null | undefined {
  if (value === undefined || value === null || value === '') return null;
  // "1,200,000" and "1 200 000" are how people type ARR in a spreadsheet.
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.replace(/[,_ ]/g, '')) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

function yamlRows(text: string): { rows: Positioned[]; problems: Array<{ line: number; col: number; message: string }> } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, logLevel: 'error' });
  const pos = (offset: number | undefined) => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return { line, col };
  };
  if (doc.errors.length > 0) return { rows: [], problems: doc.errors.map((e) => ({ ...pos(e.pos[0]), message: `YAML: ${(e.message.split('\n')[0] ?? '').trim()}` })) };
  let list: unknown = doc.contents;
  // A list at the top level, or under a single top-level key (`organisations:`), like the heroes file.
  if (isMap(list) && list.items.length === 1) list = list.items[0]?.value;
  if (list === null || list === undefined) return { rows: [], problems: [] };
  if (!isSeq(list)) return { rows: [], problems: [{ ...pos((doc.contents as Node | null)?.range?.[0]), message: 'expected a list of affiliations, at the top level or under one key such as "organisations:"' }] };
  const rows: Positioned[] = [];
  const problems: Array<{ line: number; col: number; message: string }> = [];
  for (const item of list.items) {
    const at = pos((item as Node | null)?.range?.[0]);
    if (!isMap(item)) {
      problems.push({ ...at, message: 'each affiliation must be a mapping (organisation:, username: or domain:, …)' });
      continue;
    }
    const map = item as YAMLMap;
    const fields = (map.toJSON() ?? {}) as Record<string, unknown>;
    rows.push({
      fields,
      at,
      fieldAt(field) {
        const pair = map.items.find((p) => (p.key as { value?: unknown } | null)?.value === field);
        return pair ? pos(((pair.value as Node | null)?.range ?? (pair.key as Node | null)?.range)?.[0]) : at;
      },
    });
  }
  return { rows, problems };
}

async function csvRows(text: string): Promise<{ rows: Positioned[]; problems: Array<{ line: number; col: number; message: string }> }> {
  const { parse } = await import('csv-parse/sync');
  try {
    const records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true }) as unknown as Array<{ record: Record<string, unknown>; info: { lines: number } }>;
    const header = (text.replace(/^\uFEFF/, '').split('\n')[0] ?? '').split(',').map((h) => h.trim());
    const rows = records.map(({ record, info }) => {
      const at = { line: info.lines, col: 1 };
      // The column's number is as close as a CSV row gets to a column position.
      return { fields: record, at, fieldAt: (field: string) => ({ line: info.lines, col: Math.max(1, header.indexOf(field) + 1) }) };
    });
    return { rows, problems: [] };
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    const line = /line (\d+)/.exec(message)?.[1];
    return { rows: [], problems: [{ line: line ? Number(line) : 1, col: 1, message: `CSV: ${message}` }] };
  }
}

/** Two inclusive day ranges (null = open) share a day. */
function overlap(a: Affiliation, b: Affiliation): boolean {
  const startA = a.from ?? '0000-00-00';
  const startB = b.from ?? '0000-00-00';
  const endA = a.until ?? '9999-99-99';
  const endB = b.until ?? '9999-99-99';
  return startA <= endB && startB <= endA;
}

/** The email's domain, lower-case, or null. */
function domainOf(email: string | null | undefined): string | null {
  const at = email?.lastIndexOf('@') ?? -1;
  return email && at > 0
    ? email
        .slice(at + 1)
        .trim()
        .toLowerCase()
    : null;
}

const inRange = (a: Affiliation, day: string) => (a.from === null || a.from <= day) && (a.until === null || day <= a.until);

/**
 * Reads and validates an organisations file (`name` is its path, for messages; `.csv` picks CSV).
 * Throws one EBADRESPONSE listing every problem as `name:LINE:COL: message`.
 */
export async function parseOrganisations(text: string, name: string): Promise<OrganisationsDirectory> {
  const { rows, problems } = /\.csv$/i.test(name) ? await csvRows(text) : yamlRows(text);
  const organisations = new Map<string, Organisation & { line: number; given: Set<string> }>();
  const byUsername = new Map<string, Affiliation[]>();
  const byDomain = new Map<string, Affiliation[]>();
  const problem = (where: { line: number; col: number }, message: string) => problems.push({ ...where, message });

  for (const row of rows) {
    const parsed = OrganisationRow.safeParse(row.fields);
    if (!parsed.success) {
      problem(row.at, 'each value must be text, a number, true/false or a date');
      continue;
    }
    const f = parsed.data;
    for (const key of Object.keys(f)) if (!(FIELDS as readonly string[]).includes(key)) problem(row.fieldAt(key), `unknown field "${key}"; the fields are ${FIELDS.join(', ')}`);
    const organisation = textOf(f.organisation);
    if (organisation === undefined) problem(row.fieldAt('organisation'), "organisation is required (the organisation's name)");
    // YAML may list several (`usernames`-style lists under username: / domain:); CSV has one per cell.
    const usernames = textsOf(f.username);
    const domainTexts = textsOf(f.domain);
    const domains = domainTexts.map((d) => d.toLowerCase().replace(/^@/, ''));
    if (usernames.length === 0 && domains.length === 0) problem(row.at, 'give a username or an email domain (or both)');
    domains.forEach((d, i) => {
      if (!DOMAIN.test(d)) problem(row.fieldAt('domain'), `"${domainTexts[i] ?? ''}" is not an email domain such as example.com`);
    });
    const from = dayOf(f.from);
    const until = dayOf(f.until);
    if (from === undefined) problem(row.fieldAt('from'), 'from must be a day as YYYY-MM-DD (the first day of the affiliation)');
    if (until === undefined) problem(row.fieldAt('until'), 'until must be a day as YYYY-MM-DD (the last day of the affiliation)');
    if (from && until && until < from) problem(row.fieldAt('until'), `until (${until}) is before from (${from})`);
    const customer = booleanOf(f.customer);
    if (customer === undefined) problem(row.fieldAt('customer'), 'customer must be true or false');
    const tier = textOf(f.tier) ?? null;
    const arr = numberOf(f.arr);
    if (arr === undefined || (arr !== null && arr < 0)) problem(row.fieldAt('arr'), 'arr must be a number of at least 0 (annual recurring revenue, e.g. 120000)');
    if (organisation === undefined) continue;

    // Organisation attributes: the first row that gives one sets it; a later row must agree.
    const org = organisations.get(organisation) ?? { name: organisation, customer: false, tier: null, arr: 0, line: row.at.line, given: new Set<string>() };
    organisations.set(organisation, org);
    const disagrees = (field: string, value: unknown, current: unknown) => {
      if (!org.given.has(field)) {
        org.given.add(field);
        return false;
      }
      if (current === value) return false;
      problem(row.fieldAt(field), `organisation "${organisation}" already has ${field} ${String(current)} (line ${org.line}); give it once, or the same on every row`);
      return true;
    };
    if (typeof customer === 'boolean' && !disagrees('customer', customer, org.customer)) org.customer = customer;
    if (tier !== null && !disagrees('tier', tier, org.tier)) org.tier = tier;
    if (typeof arr === 'number' && arr >= 0 && !disagrees('arr', arr, org.arr)) org.arr = arr;

    if (from === undefined || until === undefined || (from && until && until < from)) continue;
    const affiliation: Affiliation = { organisation, from, until, line: row.at.line };
    const claim = (index: Map<string, Affiliation[]>, key: string, what: string, field: string) => {
      const list = index.get(key) ?? [];
      const clash = list.find((a) => a.organisation !== organisation && overlap(a, affiliation));
      if (clash) problem(row.fieldAt(field), `${what} belongs to "${clash.organisation}" (line ${clash.line}) on overlapping days; a person belongs to at most one organisation on a given day: set until on one and from on the other`);
      else index.set(key, [...list, affiliation]);
    };
    for (const username of usernames) claim(byUsername, normaliseUsername(username), `@${username.replace(/^@/, '')}`, 'username');
    for (const domain of domains) if (DOMAIN.test(domain)) claim(byDomain, domain, `domain ${domain}`, 'domain');
  }

  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line || a.col - b.col);
    throw new PulseError(
      'EBADRESPONSE',
      `${name} is not a valid organisations file (${problems.length === 1 ? '1 problem' : `${problems.length} problems`})`,
      `Fix ${name}: one affiliation per entry or row with organisation, username and/or domain, and optionally customer, tier, arr, from, until (docs/sources/gitlab.md#the-organisations-file).`,
      {
        details: problems.map((p) => `${name}:${p.line}:${p.col}: ${p.message}`),
      },
    );
  }

  const orgs = new Map<string, Organisation>();
  for (const [key, o] of organisations) orgs.set(key, { name: o.name, customer: o.customer || o.tier !== null, tier: o.tier, arr: o.arr });
  const pick = (list: readonly Affiliation[] | undefined, day: string) => {
    const found = list?.find((a) => inRange(a, day));
    return found ? (orgs.get(found.organisation) ?? null) : null;
  };
  return {
    organisations: orgs,
    organisationOf(username, email, day) {
      const byName = pick(byUsername.get(normaliseUsername(username)), day);
      if (byName) return byName;
      const domain = domainOf(email);
      if (domain === null) return null;
      // A subdomain (eu.acme.com) belongs to its domain (acme.com).
      for (let d = domain; d.includes('.'); d = d.slice(d.indexOf('.') + 1)) {
        const org = pick(byDomain.get(d), day);
        if (org) return org;
      }
      return null;
    },
  };
}
