import { mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { render } from '../src/render/index.ts';
import { loadTemplates } from '../src/render/templates.ts';
import { chartFontFiles } from '../src/render/fonts.ts';
import { fixedReport, largeReport } from '../test/render/fixture.ts';
const out = process.argv[2] ?? '/tmp/render-proto/out';
const rep = process.argv[3] === 'large' ? largeReport() : fixedReport();
const f = chartFontFiles();
const t0 = performance.now();
const result = await render(rep, { templates: await loadTemplates(), snapshotPath: 'data/developer_relations/pulse/2026-10.json', pageUrl: 'https://handbook.gitlab.com/handbook/marketing/developer-relations/performance-indicators/', fontFiles: [f.regular, f.bold] });
console.log('ms', performance.now() - t0);
for (const file of result.files) { const p = join(out, file.path); mkdirSync(dirname(p), { recursive: true }); writeFileSync(p, file.content); console.log(file.path, file.content.length); }
