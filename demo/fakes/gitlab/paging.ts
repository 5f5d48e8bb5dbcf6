// GitLab's offset pagination, as both GitLab fakes answer a list (the REST merge requests here, the
// repository tree and merge requests of gitlab-repo): `page` and `per_page` (default 20, at most
// 100), and the headers x-page, x-per-page, x-next-page ("" on the last page), x-prev-page, x-total,
// x-total-pages and Link (rel prev / next / first / last, in that order). Above 10,000 rows GitLab
// does not count: x-total, x-total-pages and rel="last" are left out. References: GitLab docs
// doc/api/rest/index.md, "Pagination link header" and "Pagination response headers" ("For
// performance reasons, if a query returns more than 10,000 records, GitLab doesn't return the
// following headers: x-total, x-total-pages, rel="last" link"); lib/gitlab/pagination/offset_pagination.rb.

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
/** Above this many rows GitLab stops counting: no x-total, x-total-pages or rel="last". */
export const COUNT_LIMIT = 10_000;

export interface OffsetPage<T> {
  rows: T[];
  headers: Record<string, string>;
}

/** The page of `all` that `url` asks for, with GitLab's paging headers. */
export function offsetPage<T>(url: URL, all: readonly T[], defaultPerPage = DEFAULT_PER_PAGE): OffsetPage<T> {
  const perPageRaw = Number(url.searchParams.get('per_page') ?? defaultPerPage);
  const perPage = Number.isInteger(perPageRaw) && perPageRaw > 0 ? Math.min(perPageRaw, MAX_PER_PAGE) : defaultPerPage;
  const pageRaw = Number(url.searchParams.get('page') ?? 1);
  const page = Number.isInteger(pageRaw) && pageRaw > 0 ? pageRaw : 1;
  const totalPages = Math.max(1, Math.ceil(all.length / perPage));
  const counted = all.length <= COUNT_LIMIT;
  const hasNext = page < totalPages;
  const linkTo = (p: number) => {
    const u = new URL(url);
    u.searchParams.set('page', String(p));
    u.searchParams.set('per_page', String(perPage));
    return `<${u.toString()}>`;
  };
  const links = [...(page > 1 ? [`${linkTo(page - 1)}; rel="prev"`] : []), ...(hasNext ? [`${linkTo(page + 1)}; rel="next"`] : []), `${linkTo(1)}; rel="first"`, ...(counted ? [`${linkTo(totalPages)}; rel="last"`] : [])];
  const headers: Record<string, string> = {
    link: links.join(', '),
    'x-page': String(page),
    'x-per-page': String(perPage),
    'x-next-page': hasNext ? String(page + 1) : '',
    'x-prev-page': page > 1 ? String(page - 1) : '',
    ...(counted ? { 'x-total': String(all.length), 'x-total-pages': String(totalPages) } : {}),
  };
  return { rows: all.slice((page - 1) * perPage, page * perPage), headers };
}
