// The page's "query" line for a gitlab `community` rule: its lists read as lists, empty ones are
// left out (it used to say "labels = , exclude_usernames = ").
import { describe, expect, it } from 'vitest';
import { queryWords } from '../../src/render/format.ts';

describe('queryWords with a nested rule', () => {
  it('shows the community groups and leaves out its empty lists', () => {
    const words = queryWords({ kind: 'merged_mr_authors', group: 'gitlab-org', labels: [], exclude_users: [], community: { exclude_members_of: ['gitlab-com', 'gitlab-org'], labels: [], exclude_usernames: [] } });
    expect(words).toBe('merged mr authors: community exclude members of = gitlab-com, gitlab-org; group gitlab-org');
  });

  it('keeps a flat `where` as it was', () => {
    expect(queryWords({ kind: 'count_entries', where: { type: 'talk' } })).toBe('count entries: where type = talk');
  });
});
