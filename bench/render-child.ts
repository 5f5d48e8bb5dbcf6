// One process: render the 15-indicator, 13-month report (page + PI data + email + charts) and
// report the first (cold: lazy imports included) and the median of the warm renders as JSON.
// `--barrel` imports the whole `echarts` package first: the naive baseline for the cold cost.
import { parseArgs } from 'node:util';
import { chartFontFiles } from '../src/render/fonts.ts';
import { render } from '../src/render/index.ts';
import { loadTemplates } from '../src/render/templates.ts';
import { largeReport } from '../test/render/fixture.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, barrel: { type: 'boolean', default: false }, indicators: { type: 'string', default: '15' } } });
const report = largeReport(Number(values.indicators));
const fonts = chartFontFiles();
const started = performance.now();
if (values.barrel) await import('echarts');
const templates = await loadTemplates();
const options = { templates, snapshotPath: 'data/pulse/2026-10.json', pageUrl: 'https://handbook.example.com/pi/', fontFiles: [fonts.regular, fonts.bold] };
const first = await render(report, options);
const coldMs = performance.now() - started;
const times: number[] = [];
for (let i = 0; i < Number(values.runs); i++) {
  const t = performance.now();
  await render(report, options);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const html = first.files.find((f) => f.path === 'email.html')?.content ?? '';
console.log(JSON.stringify({ coldMs, medianMs: times[Math.floor(times.length / 2)] ?? 0, files: first.files.length, charts: first.email.attachments.length, htmlBytes: Buffer.byteLength(html) }));
