// The organisation kinds as pure functions of a window's contributions (bots and excluded users
// already left out) and the organisations file. Each MR is attributed to the organisation its
// author belonged to on the MR's day (the report's time zone), so a person who changes employer
// mid-quarter counts for each organisation on its own days.
import { localDay } from '../repo-file/dates.ts';
import type { BreakdownItem, MetricOutcome } from '../types.ts';
import type { Organisation, OrganisationsDirectory } from './organisations.ts';
import type { Contribution } from './window.ts';

interface OrgTally {
  org: Organisation;
  mrs: number;
  authors: Set<string>;
}

export interface Attribution {
  byOrg: Map<string, OrgTally>;
  /** Authors with no organisation on the day of at least one of their MRs. */
  unaffiliated: Map<string, { username: string; webUrl: string; mrs: number }>;
  total: number;
}

export function attribute(contributions: readonly Contribution[], dir: OrganisationsDirectory, timeZone: string): Attribution {
  const byOrg = new Map<string, OrgTally>();
  const unaffiliated = new Map<string, { username: string; webUrl: string; mrs: number }>();
  for (const c of contributions) {
    const org = dir.organisationOf(c.username, c.email, localDay(new Date(c.at), timeZone));
    if (org === null) {
      const u = unaffiliated.get(c.author) ?? { username: c.username, webUrl: c.webUrl, mrs: 0 };
      u.mrs++;
      unaffiliated.set(c.author, u);
      continue;
    }
    const t = byOrg.get(org.name) ?? { org, mrs: 0, authors: new Set<string>() };
    t.mrs++;
    t.authors.add(c.author);
    byOrg.set(org.name, t);
  }
  return { byOrg, unaffiliated, total: contributions.length };
}

/** Most MRs first, then by name, so the list reads the same on every run. */
const byMrsThenName = (a: OrgTally, b: OrgTally) => b.mrs - a.mrs || (a.org.name < b.org.name ? -1 : a.org.name > b.org.name ? 1 : 0);

/** One breakdown row per organisation: value as given, count = its MRs; largest value first (then MRs, then name). */
function rows(tallies: Iterable<OrgTally>, value: (t: OrgTally) => number): BreakdownItem[] {
  return [...tallies]
    .map((t) => ({ t, v: value(t) }))
    .sort((a, b) => b.v - a.v || byMrsThenName(a.t, b.t))
    .map(({ t, v }) => ({ key: t.org.name, label: t.org.name, value: v, count: t.mrs }));
}

/** How many unmapped contributors the list names: the file's keepers work down it month by month. */
export const UNMAPPED_LISTED = 10;

/** The team-only list: the unaffiliated authors with at least `min` MRs, most MRs first, at most UNMAPPED_LISTED (keys start with "unmapped:"). */
export function unmappedRows(a: Attribution, min: number): BreakdownItem[] {
  return [...a.unaffiliated.values()]
    .filter((u) => u.mrs >= min)
    .sort((x, y) => y.mrs - x.mrs || (x.username.toLowerCase() < y.username.toLowerCase() ? -1 : 1))
    .slice(0, UNMAPPED_LISTED)
    .map((u) => ({ key: `unmapped:${u.username}`, label: `@${u.username}`, value: u.mrs, url: u.webUrl }));
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function contributingOrganisations(a: Attribution, unmapped: BreakdownItem[]): MetricOutcome {
  return { value: a.byOrg.size, status: 'ok', breakdown: { kind: 'organisations', items: [...rows(a.byOrg.values(), (t) => t.mrs), ...unmapped] } };
}

export function contributingCustomers(a: Attribution): MetricOutcome {
  const customers = [...a.byOrg.values()].filter((t) => t.org.customer);
  return { value: customers.length, status: 'ok', breakdown: { kind: 'organisations', items: rows(customers, (t) => t.mrs) } };
}

export function customerContributions(a: Attribution): MetricOutcome {
  const customers = [...a.byOrg.values()].filter((t) => t.org.customer);
  return { value: customers.reduce((sum, t) => sum + t.mrs, 0), status: 'ok', breakdown: { kind: 'organisations', items: rows(customers, (t) => t.mrs) } };
}

/** Σ over customer organisations of merged MRs × ARR; each row is that organisation's share of it. */
export function mrarr(a: Attribution): MetricOutcome {
  const customers = [...a.byOrg.values()].filter((t) => t.org.customer);
  return { value: customers.reduce((sum, t) => sum + t.mrs * t.org.arr, 0), status: 'ok', breakdown: { kind: 'organisations', items: rows(customers, (t) => t.mrs * t.org.arr) } };
}

/** An open MR at the end of the period: its author, their public email and its age in days then. */
export interface OpenAge {
  username: string;
  email: string | null;
  days: number;
}

/**
 * Organisations with at least `min` merged MRs in the trailing quarter; the note gives each one's
 * open MRs at the end of the period (author's organisation on the period's last day) and their median age.
 */
export function leadingOrganisations(a: Attribution, min: number, open: readonly OpenAge[], dir: OrganisationsDirectory, lastDay: string): MetricOutcome {
  const leading = rows(
    [...a.byOrg.values()].filter((t) => t.mrs >= min),
    (t) => t.mrs,
  );
  const ages = new Map<string, number[]>();
  for (const o of open) {
    const org = dir.organisationOf(o.username, o.email, lastDay);
    if (org) ages.set(org.name, [...(ages.get(org.name) ?? []), o.days]);
  }
  const words = leading.map((r) => {
    const list = (ages.get(r.key) ?? []).sort((x, y) => x - y);
    if (list.length === 0) return `${r.label} none`;
    const mid = Math.floor(list.length / 2);
    const median = list.length % 2 === 1 ? (list[mid] ?? 0) : ((list[mid - 1] ?? 0) + (list[mid] ?? 0)) / 2;
    return `${r.label} ${list.length} (median ${round2(median)} days old)`;
  });
  const note = `Organisations with at least ${min} merged MRs in the three months ending with this one.${words.length ? ` Their open MRs at the end of the month: ${words.join('; ')}.` : ''}`;
  return { value: leading.length, status: 'ok', note, breakdown: { kind: 'organisations', items: leading } };
}

/** CHAOSS Organizational Diversity: the largest organisation's share of all community MRs (unaffiliated included in the whole). */
export function organisationalDiversity(a: Attribution, label: string): MetricOutcome {
  if (a.total === 0) return { value: null, status: 'unavailable', unit: '%', reason: `no MR with the labels was merged in ${label}` };
  const largest = [...a.byOrg.values()].sort(byMrsThenName)[0];
  const value = largest ? round2((largest.mrs / a.total) * 100) : 0;
  return {
    value,
    status: 'ok',
    unit: '%',
    note: `${a.total} merged MRs; ${a.total - [...a.byOrg.values()].reduce((s, t) => s + t.mrs, 0)} by authors without an organisation.`,
    breakdown: { kind: 'organisations', items: rows(a.byOrg.values(), (t) => round2((t.mrs / a.total) * 100)) },
  };
}
