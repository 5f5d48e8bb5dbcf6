// The month's dates as template variables, filled in only where they cannot change where a request
// goes: the values of the URL's query string (encoded by URLSearchParams) and the string values of
// a JSON body (encoded by JSON.stringify). Never in the scheme, host, port or path. Pure.
import { periodDates } from '../../periods/names.ts';
import type { Period } from '../../periods/periods.ts';

/** `{{start}}` the month's first day, `{{end}}` its last day (YYYY-MM-DD), `{{month}}` YYYY-MM. */
export const TEMPLATE_VARIABLES = ['start', 'end', 'month'] as const;
const VARIABLE = /\{\{\s*([^}]*?)\s*\}\}/g;

export type TemplateValues = Record<(typeof TEMPLATE_VARIABLES)[number], string>;

export function templateValues(period: Period): TemplateValues {
  const { startDate, endDate } = periodDates(period);
  return { start: startDate, end: endDate, month: period.label };
}

function unknownVariables(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((m) => m[1] ?? '').filter((name) => !(TEMPLATE_VARIABLES as readonly string[]).includes(name));
}

const unknownMessage = (names: string[]) => `uses unknown template variable${names.length > 1 ? 's' : ''} ${names.map((n) => `{{${n}}}`).join(', ')}: the variables are {{start}}, {{end}} and {{month}}`;

/** Why `url` cannot be used as a request template, or undefined. */
export function urlTemplateProblem(url: string): string | undefined {
  const parsed = URL.parse(url);
  if (!parsed) return undefined; // the URL schema reports it
  const outside = `${parsed.protocol}//${parsed.username}${parsed.host}${parsed.pathname}`;
  if (/\{\{|%7B%7B/i.test(outside) || /\{\{/.test(parsed.hash)) {
    return 'may use template variables ({{start}}, {{end}}, {{month}}) only in query-string values, never in the host or path: where a request goes must not depend on the month';
  }
  if ([...parsed.searchParams.keys()].some((key) => key.includes('{{'))) return 'may use template variables only in query-string values, not in parameter names';
  const unknown = [...parsed.searchParams.values()].flatMap(unknownVariables);
  return unknown.length ? unknownMessage(unknown) : undefined;
}

/** Why a JSON body template cannot be used, or undefined. Variables only in string values. */
export function bodyTemplateProblem(body: unknown): string | undefined {
  const unknown: string[] = [];
  let inKey = false;
  const walk = (node: unknown): void => {
    if (typeof node === 'string') unknown.push(...unknownVariables(node));
    else if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key.includes('{{')) inKey = true;
        walk(value);
      }
    }
  };
  walk(body);
  if (inKey) return 'may use template variables only in string values, not in member names';
  return unknown.length ? unknownMessage(unknown) : undefined;
}

const fill = (text: string, values: TemplateValues) => text.replace(VARIABLE, (whole, name: string) => (name in values ? values[name as keyof TemplateValues] : whole));

/** The URL with the month filled into its query-string values (encoded). */
export function fillUrl(url: string, values: TemplateValues): URL {
  const parsed = new URL(url);
  const params = [...parsed.searchParams];
  if (params.length === 0) return parsed;
  parsed.search = '';
  for (const [key, value] of params) parsed.searchParams.append(key, fill(value, values));
  return parsed;
}

/** The body with the month filled into its string values (JSON.stringify encodes them). */
export function fillBody(body: unknown, values: TemplateValues): unknown {
  if (typeof body === 'string') return fill(body, values);
  if (Array.isArray(body)) return body.map((item) => fillBody(item, values));
  if (typeof body === 'object' && body !== null) return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, fillBody(value, values)]));
  return body;
}
