// The one offset-paging helper both GitLab fakes answer lists with (demo/fakes/gitlab/paging.ts),
// checked against GitLab's reference: doc/api/rest/index.md "Pagination response headers".
import { describe, expect, it } from 'vitest';
import { offsetPage } from '@community-pulse/demo/fakes/gitlab/paging';

const rows = (n: number) => Array.from({ length: n }, (_, i) => i);
const at = (query: string) => new URL(`https://gitlab.test/api/v4/projects/7/repository/tree?${query}`);

describe('offsetPage (GitLab offset pagination)', () => {
  it('pages 20 by default with x-* headers and Link prev/next/first/last', () => {
    const { rows: page, headers } = offsetPage(at('page=2'), rows(45));
    expect(page).toEqual(rows(40).slice(20));
    expect(headers).toMatchObject({ 'x-page': '2', 'x-per-page': '20', 'x-next-page': '3', 'x-prev-page': '1', 'x-total': '45', 'x-total-pages': '3' });
    expect(headers.link?.split(', ').map((l) => /rel="(\w+)"/.exec(l)?.[1])).toEqual(['prev', 'next', 'first', 'last']);
  });

  it('caps per_page at 100 and leaves x-next-page empty on the last page', () => {
    const { rows: page, headers } = offsetPage(at('per_page=500&page=2'), rows(150));
    expect(page).toHaveLength(50);
    expect(headers['x-per-page']).toBe('100');
    expect(headers['x-next-page']).toBe('');
    expect(headers.link).not.toContain('rel="next"');
  });

  it('above 10,000 rows leaves out x-total, x-total-pages and rel="last" (GitLab does not count them)', () => {
    const { headers } = offsetPage(at('per_page=100'), rows(10_001));
    expect(headers['x-total']).toBeUndefined();
    expect(headers['x-total-pages']).toBeUndefined();
    expect(headers.link).not.toContain('rel="last"');
    expect(headers['x-next-page']).toBe('2');
  });
});
