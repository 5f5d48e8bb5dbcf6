// The sample world's contributing orgs tracker: the organisations file the organisation kinds read
// (customers, ARR, who works where), for the hand-counted world and for the demo's generated people,
// and what a correct run finds in October 2026, tallied here from the records themselves.
import type { DemoBulk } from './bulk.ts';

/** Where the file lives on the files fake (a private project, as the docs advise). */
export const ORGANISATIONS_PROJECT = 'gitlab-com/marketing/developer-relations/contributing-orgs';
export const ORGANISATIONS_FILE = 'data/organisations.yml';

/**
 * The hand-counted world: alice → Acme by username; bob → Globex by his public email (globex.io,
 * Globex's second domain); erin → Initech, a customer with ARR 0. In October (gitlab-org, merged,
 * bots left out): alice 1 (Acme), bob 2 (Globex), erin 1 (Initech) = 4 MRs.
 */
export const HAND_ORGANISATIONS = `# The contributing orgs tracker (sample). Confidential: customer names and ARR.
organisations:
  - { organisation: Acme, customer: true, tier: ultimate, arr: 240000, username: alice }
  - { organisation: Globex, customer: true, tier: premium, arr: 90000, domain: globex.com }
  - { organisation: Globex, domain: globex.io }
  - { organisation: Initech, customer: true, arr: 0, username: erin }
`;

/** bob shows his work address on his profile (GraphQL publicEmail). */
export const HAND_PUBLIC_EMAILS: Record<string, string> = { bob: 'bob@globex.io' };

/** The hand world's October figures (see HAND_ORGANISATIONS). */
export const HAND_ORGANISATION_EXPECTED: Record<string, number> = {
  // Acme, Globex, Initech (ARR 0 still makes a customer).
  'contributing-customers': 3,
  // 1 × 240,000 + 2 × 90,000 + 1 × 0.
  mrarr: 420_000,
  'contributing-organisations': 3,
  // Globex: 2 of the 4 MRs.
  'organisational-diversity': 50,
};

interface Org {
  name: string;
  customer: boolean;
  tier?: string;
  arr: number;
}

const ORGS: Org[] = [
  { name: 'Northwind Traders', customer: true, tier: 'ultimate', arr: 1_800_000 },
  { name: 'Contoso', customer: true, tier: 'premium', arr: 650_000 },
  { name: 'Fabrikam', customer: true, tier: 'premium', arr: 420_000 },
  { name: 'Tailspin Toys', customer: true, tier: 'trial', arr: 0 },
  { name: 'Wide World Importers', customer: true, tier: 'ultimate', arr: 2_400_000 },
  { name: 'Lucerne Publishing', customer: true, tier: 'premium', arr: 120_000 },
  { name: 'Adatum University', customer: false, arr: 0 },
  { name: 'Proseware Labs', customer: false, arr: 0 },
];

interface Affiliation {
  org: string;
  username?: string;
  domain?: string;
  from?: string;
  until?: string;
}

/** The generated people's affiliations: by position among the veterans (bulk.ts makes 12 reviewers, then 134 veterans). */
function bulkAffiliations(bulk: DemoBulk): { affiliations: Affiliation[]; emails: Record<string, string> } {
  const veterans = bulk.users.slice(12, 12 + 134).map((u) => u.username);
  const v = (i: number) => veterans[i] ?? '';
  const by = (org: string, from: number, to: number): Affiliation[] => veterans.slice(from, to).map((username) => ({ org, username }));
  const affiliations: Affiliation[] = [
    ...by('Northwind Traders', 0, 6),
    ...by('Contoso', 6, 10),
    { org: 'Contoso', domain: 'contoso.com' },
    ...by('Fabrikam', 12, 15),
    ...by('Tailspin Toys', 15, 16),
    ...by('Wide World Importers', 16, 18),
    // Changed employer mid-month: Fabrikam until 14 October, Wide World Importers from the 15th.
    { org: 'Fabrikam', username: v(18), until: '2026-10-14' },
    { org: 'Wide World Importers', username: v(18), from: '2026-10-15' },
    ...by('Adatum University', 19, 25),
    ...by('Proseware Labs', 25, 31),
    // A customer whose people did not contribute in October (veterans 127+ merged nothing then).
    ...by('Lucerne Publishing', 130, 132),
  ];
  // Two Contoso people are known only by the address on their profile.
  const emails: Record<string, string> = { [v(10)]: `${v(10)}@contoso.com`, [v(11)]: `${v(11)}@contoso.com` };
  return { affiliations, emails };
}

/** The public emails of generated people the file matches by domain. */
export function bulkPublicEmails(bulk: DemoBulk): Record<string, string> {
  return bulkAffiliations(bulk).emails;
}

/** The file's entries for the generated people (appended to HAND_ORGANISATIONS). */
export function bulkOrganisationEntries(bulk: DemoBulk): string {
  const lines: string[] = [];
  const described = new Set<string>();
  for (const a of bulkAffiliations(bulk).affiliations) {
    const org = ORGS.find((o) => o.name === a.org);
    const fields = [`organisation: ${a.org}`];
    if (org && !described.has(org.name)) {
      described.add(org.name);
      fields.push(`customer: ${String(org.customer)}`, ...(org.tier ? [`tier: ${org.tier}`] : []), `arr: ${org.arr}`);
    }
    if (a.username) fields.push(`username: ${a.username}`);
    if (a.domain) fields.push(`domain: ${a.domain}`);
    if (a.from) fields.push(`from: ${a.from}`);
    if (a.until) fields.push(`until: ${a.until}`);
    lines.push(`  - { ${fields.join(', ')} }`);
  }
  return `${lines.join('\n')}\n`;
}

/** What the organisation metrics find in October in the hand world plus the generated records. */
export function organisationExpected(bulk: DemoBulk): Record<string, number> {
  const { affiliations, emails } = bulkAffiliations(bulk);
  const userOf = new Map(bulk.users.map((u) => [u.id, u.username]));
  const orgOn = (username: string, day: string): string | null => {
    const inRange = (a: Affiliation) => (a.from === undefined || a.from <= day) && (a.until === undefined || day <= a.until);
    const byName = affiliations.find((a) => a.username === username && inRange(a));
    if (byName) return byName.org;
    const domain = emails[username]?.split('@')[1];
    return affiliations.find((a) => a.domain !== undefined && a.domain === domain && inRange(a))?.org ?? null;
  };
  // Hand world: Acme 1, Globex 2, Initech 1 (HAND_ORGANISATIONS).
  const mrs = new Map<string, number>([
    ['Acme', 1],
    ['Globex', 2],
    ['Initech', 1],
  ]);
  const arr = new Map<string, number>([
    ['Acme', 240_000],
    ['Globex', 90_000],
    ['Initech', 0],
  ]);
  for (const o of ORGS) if (o.customer) arr.set(o.name, o.arr);
  let total = 4;
  for (const mr of bulk.mergeRequests) {
    const at = mr.mergedAt ?? '';
    if (mr.state !== 'merged' || !mr.project.startsWith('gitlab-org/') || at < '2026-10-01' || at >= '2026-11-01') continue;
    total++;
    const org = orgOn(userOf.get(mr.authorId) ?? '', at.slice(0, 10));
    if (org) mrs.set(org, (mrs.get(org) ?? 0) + 1);
  }
  const customers = [...mrs.keys()].filter((name) => arr.has(name));
  const largest = Math.max(...mrs.values());
  return {
    'contributing-customers': customers.length,
    mrarr: customers.reduce((sum, name) => sum + (mrs.get(name) ?? 0) * (arr.get(name) ?? 0), 0),
    'contributing-organisations': mrs.size,
    'organisational-diversity': Math.round((largest / total) * 10_000) / 100,
  };
}
