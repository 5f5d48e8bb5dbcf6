// Format helpers for templates, registered once on the render's own Handlebars environment. The
// built-in templates only place precomputed strings; these let an override template format a raw
// number the same way (`{{formatNumber 1410 "views"}}`, `{{formatPercent 7.4}}`,
// `{{formatMonth "2026-10"}}`, `{{healthWord 2}}`). Their names must not collide with view fields:
// Handlebars calls a helper before it looks a name up in the data. Each checks its input: Handlebars' strict mode does not check helper arguments.
import type Handlebars from 'handlebars';
import { formatPercent } from '../evaluate/format.ts';
import type { HealthLevel } from '../evaluate/model.ts';
import { healthStyle, longMonth, valueWithUnit } from './format.ts';

function fail(helper: string, what: string, got: unknown): never {
  // Never print the value itself: a missing argument makes Handlebars pass its whole options object.
  throw new Error(`helper ${helper}: expected ${what}, got ${got === null ? 'null' : typeof got}`);
}

export function registerHelpers(hbs: typeof Handlebars): void {
  hbs.registerHelper('formatNumber', (value: unknown, unit: unknown) => {
    if (value !== null && typeof value !== 'number') fail('formatNumber', 'a number or null', value);
    return valueWithUnit(value, typeof unit === 'string' ? unit : null);
  });
  hbs.registerHelper('formatPercent', (value: unknown) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) fail('formatPercent', 'a finite number', value);
    return formatPercent(value);
  });
  hbs.registerHelper('formatMonth', (value: unknown) => {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}$/.test(value)) fail('formatMonth', 'a YYYY-MM string', value);
    return longMonth(value);
  });
  hbs.registerHelper('healthWord', (value: unknown) => {
    if (value !== 0 && value !== 1 && value !== 2 && value !== 3) fail('healthWord', 'a level 0–3', value);
    return healthStyle(value as HealthLevel).word;
  });
}
