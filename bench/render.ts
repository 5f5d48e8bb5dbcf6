// Render and start-up figures for `npm run bench`, each with a baseline measured in the same run:
//   render: 15 indicators × 13 months, page + PI data + email + charts; median of warm renders,
//           and the cold first render (lazy imports) against importing the whole echarts package;
//   --help: wall time of `community-pulse --help` against a bare `node -e ''` start.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

interface RenderFigures {
  coldMs: number;
  medianMs: number;
  files: number;
  charts: number;
  htmlBytes: number;
}

function child(args: string[]): RenderFigures {
  const run = spawnSync(process.execPath, [here('./render-child.ts'), ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`render bench failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as RenderFigures;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function wall(args: string[], times: number): number {
  const samples: number[] = [];
  for (let i = 0; i < times + 1; i++) {
    const t = performance.now();
    const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
    if (i > 0) samples.push(performance.now() - t); // the first run warms the file cache
  }
  return median(samples);
}

const ms = (n: number) => `${n.toFixed(0)} ms`;

export function benchRender(): void {
  console.log('render (15 indicators, 13-month series: page + PI data + email + all KPI charts):');
  const ours = child([]);
  const barrel = child(['--barrel', '--runs', '3']);
  console.log(`  warm render, median of 15 after one cold render: ${ms(ours.medianMs)}  (${ours.files} files, ${ours.charts} charts, email.html ${(ours.htmlBytes / 1024).toFixed(1)} KB)`);
  console.log(`  cold first render (lazy imports of mjml, ECharts deep imports, resvg): ${ms(ours.coldMs)}`);
  console.log(`  baseline, cold first render after importing the whole echarts package: ${ms(barrel.coldMs)}`);
  const cli = here('../src/cli.ts');
  const help = wall([cli, '--help'], 7);
  const bare = wall(['-e', ''], 7);
  console.log(`--help start-up (median of 7): ${ms(help)}; baseline bare \`node -e ''\`: ${ms(bare)}; community-pulse's own cost ${ms(help - bare)}`);
}

if (import.meta.main) benchRender();
