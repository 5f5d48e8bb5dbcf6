import { describe, expect, it } from 'vitest';
import { parsePath, selectValue, type ParsedPath } from '../../../src/sources/json/select.ts';
import { bodyTemplateProblem, fillBody, fillUrl, urlTemplateProblem } from '../../../src/sources/json/template.ts';

const path = (text: string): ParsedPath => {
  const parsed = parsePath(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
};

const DATA = { data: { total: 42, 'new users': 7, list: [1, 2, { x: 3 }], 'it\'s "q"': 5 }, empty: {} };

describe('path expressions', () => {
  it.each([
    ['$', DATA],
    ['$.data.total', 42],
    ['$.data["new users"]', 7],
    ["$.data['new users']", 7],
    ['$.data.list[0]', 1],
    ['$.data.list[-1].x', 3],
    ['$["data"].list[2]["x"]', 3],
    [`$.data['it\\'s "q"']`, 5],
  ])('%s selects its value', (text, expected) => {
    expect(selectValue(DATA, path(text))).toEqual({ value: expected });
  });

  it.each([
    ['data.total', 'must start with $'],
    ['$.', 'expected a member name after "." at character 2'],
    ['$..total', 'expected a member name'],
    ['$.data[*]', 'expected an index or a quoted name'],
    ['$.data[?(@.x)]', 'expected an index or a quoted name'],
    ["$.data['x]", "expected '] to close"],
    ['$.data total', 'unexpected " "'],
  ])('%s is refused: %s', (text, message) => {
    const parsed = parsePath(text);
    expect('error' in parsed && parsed.error).toContain(message);
  });

  it.each([
    ['$.data.totl', '$.data has no member "totl" (its members: "total", "new users", "list", "it\'s \\"q\\"")'],
    ['$.empty.x', '$.empty has no member "x" (it is empty)'],
    ['$.data.total.x', '$.data.total is a number, not an object, so $.data.total.x does not exist'],
    ['$.data.list[3]', '$.data.list has 3 elements, so $.data.list[3] does not exist'],
    ['$.data[0]', '$.data is an object, not an array, so $.data[0] does not exist'],
  ])('%s names the step that failed', (text, message) => {
    expect(selectValue(DATA, path(text))).toEqual({ error: message });
  });

  it('never reads inherited members', () => {
    expect(selectValue({}, path('$.constructor'))).toMatchObject({ error: expect.stringContaining('has no member "constructor"') });
    expect(selectValue({}, path('$["__proto__"]'))).toMatchObject({ error: expect.stringContaining('has no member') });
  });
});

describe('template variables', () => {
  const values = { start: '2026-10-01', end: '2026-10-31', month: '2026-10' };

  it('are filled into query-string values, encoded', () => {
    expect(fillUrl('https://api.example.com/v1/stats?from={{start}}&to={{ end }}&q=a b&label=month {{month}}&x=%26', values).toString()).toBe('https://api.example.com/v1/stats?from=2026-10-01&to=2026-10-31&q=a+b&label=month+2026-10&x=%26');
    expect(fillBody({ range: { from: '{{start}}', to: '{{end}}' }, n: 1, list: ['{{month}}'] }, values)).toEqual({ range: { from: '2026-10-01', to: '2026-10-31' }, n: 1, list: ['2026-10'] });
  });

  it.each([
    ['https://{{month}}.example.com/stats', 'never in the host or path'],
    ['https://api.example.com/{{month}}/stats', 'never in the host or path'],
    ['https://api.example.com/stats#{{month}}', 'never in the host or path'],
    ['https://api.example.com/stats?{{start}}=1', 'not in parameter names'],
    ['https://api.example.com/stats?from={{begin}}', 'unknown template variable {{begin}}'],
  ])('%s is refused', (url, message) => {
    expect(urlTemplateProblem(url)).toContain(message);
  });

  it('a body may use them only in string values', () => {
    expect(bodyTemplateProblem({ from: '{{start}}' })).toBeUndefined();
    expect(bodyTemplateProblem({ '{{start}}': 1 })).toContain('not in member names');
    expect(bodyTemplateProblem({ from: '{{today}}' })).toContain('{{today}}');
  });
});
