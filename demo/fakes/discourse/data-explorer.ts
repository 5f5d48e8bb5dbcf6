// The Data Explorer plugin's run endpoint (discourse-data-explorer, `POST
// /admin/plugins/explorer/queries/:id/run`) as the plugin answers it: admin routes are 404 to
// non-admins and when the plugin is disabled; `params` is a form field holding a JSON object of
// strings checked against the query's declared params (422 `success: false` with `errors` for a
// missing or malformed one, and for SQL errors); results are `columns` + `rows` (arrays), at
// most `limit` rows (default 1000), with `result_count`.

export interface FakeExplorerQuery {
  /** Declared params (`-- date :start_date`): name → type. */
  params: Record<string, 'date' | 'int' | 'string'>;
  /** What the SQL would return for these params; throw FakeSqlError for a PG error. */
  run(params: Record<string, string>): { columns: string[]; rows: unknown[][] };
}

export class FakeSqlError extends Error {}

export interface DataExplorerRequest {
  queryId: number;
  params: Record<string, string>;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8' } });

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Answers one run request for an admin; authentication and scripted failures are the caller's. */
export async function runExplorerQuery(request: Request, queryId: number, queries: Readonly<Record<number, FakeExplorerQuery>>, log: DataExplorerRequest[]): Promise<Response> {
  const query = queries[queryId];
  if (!query) return json({ errors: ['The requested URL or resource could not be found.'], error_type: 'not_found' }, 404);
  const type = request.headers.get('content-type') ?? '';
  let form: URLSearchParams;
  if (type.startsWith('application/x-www-form-urlencoded')) form = new URLSearchParams(await request.text());
  else if (type.startsWith('multipart/form-data')) {
    const data = await request.formData();
    form = new URLSearchParams();
    for (const [k, v] of data) if (typeof v === 'string') form.set(k, v);
  } else form = new URLSearchParams();
  let params: Record<string, string> = {};
  const raw = form.get('params');
  if (raw !== null) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      params = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
    } catch {
      return json({ success: false, errors: [`Invalid params: ${raw.slice(0, 80)}`] }, 422);
    }
  }
  log.push({ queryId, params });
  const errors: string[] = [];
  for (const [name, kind] of Object.entries(query.params)) {
    const value = params[name];
    if (value === undefined || value === '') errors.push(`Missing parameter ${name} of type ${kind}`);
    else if (kind === 'date' && (!DATE.test(value) || Number.isNaN(Date.parse(value)))) errors.push(`Invalid value for parameter ${name}: ${value} is not a date`);
    else if (kind === 'int' && !/^-?\d+$/.test(value)) errors.push(`Invalid value for parameter ${name}: ${value} is not an integer`);
  }
  if (errors.length > 0) return json({ success: false, errors }, 422);
  try {
    const { columns, rows } = query.run(params);
    const limit = Number(form.get('limit') ?? 1000);
    const shown = rows.slice(0, Number.isFinite(limit) ? limit : 1000);
    const download = form.get('download') === 'true';
    return json({
      success: true,
      errors: [],
      duration: 3.2,
      result_count: shown.length,
      params,
      columns,
      default_limit: 1000,
      ...(download ? {} : { relations: {}, colrender: {} }),
      rows: shown,
    });
  } catch (error) {
    if (error instanceof FakeSqlError) return json({ success: false, errors: [`ActiveRecord::StatementInvalid: ${error.message}`] }, 422);
    throw error;
  }
}
