// Starts the sample world (the demo/ workspace) for this project's pipeline self-test, where the component's
// report job runs in the image: every API, the handbook and SMTP on loopback, in the background of
// the job. Writes the goals file pointed at them and a shell file exporting the credentials, then
// keeps serving until the job ends. Run with Node 24 (it strips the types of this file):
//   node test/component/sample-world-ci.ts GOALS_FILE ENV_FILE $$ &
// It stops on SIGTERM, when the process given third (the job's shell) has ended — a shell executor
// does not end background processes with the job — or after PULSE_SAMPLE_WORLD_TTL seconds (900).
// The sample world is this clone's @community-pulse/demo (the image holds no demo package: the job
// installs the workspace first, see templates-ci/selftest.yml) unless PULSE_SAMPLE_WORLD names a file.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

type SampleWorldModule = typeof import('@community-pulse/demo/sample-world');

const [goalsFile, envFile, watchPid] = process.argv.slice(2);
if (!goalsFile || !envFile) {
  process.stderr.write('usage: node test/component/sample-world-ci.ts GOALS_FILE ENV_FILE\n');
  process.exit(2);
}
const modulePath = process.env.PULSE_SAMPLE_WORLD;
const specifier = modulePath ? pathToFileURL(modulePath).href : '@community-pulse/demo/sample-world';
const { startSampleWorld } = (await import(specifier)) as SampleWorldModule;
const world = await startSampleWorld();
const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
writeFileSync(goalsFile, world.goalsYaml);
// Written last: its existence tells the job the world is listening.
writeFileSync(
  envFile,
  `${Object.entries(world.env)
    .map(([name, value]) => `export ${name}=${quote(value)}`)
    .join('\n')}\n`,
);
process.stderr.write(`sample world for ${world.period} on loopback: goals in ${goalsFile}, credentials in ${envFile}\n`);
const stop = () => void world.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setTimeout(stop, Number(process.env.PULSE_SAMPLE_WORLD_TTL ?? 900) * 1000);
if (watchPid) {
  setInterval(() => {
    try {
      process.kill(Number(watchPid), 0); // signal 0: only asks whether the process exists
    } catch {
      stop();
    }
  }, 500);
}
