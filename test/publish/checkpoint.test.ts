// A backfill's checkpoint commit (src/publish/checkpoint.ts) against the fake handbook repository:
// the finished months in one commit, each file once, a stored email delivery record kept.
import { afterEach, describe, expect, it } from 'vitest';
import { commitHistory } from '../../src/publish/checkpoint.ts';
import { publishTargets } from '../../src/publish/targets.ts';
import { testClient } from '../fakes/http-fakes.ts';
import { DATA_DIR, handbookHarness, type Harness, PROJECT, snapshotFor } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const meta = { title: 'DevRel KPIs', generator: 'community-pulse test' };

async function checkpoint(harness: Harness, periods: Array<[string, number]>) {
  const { client, log, masker } = testClient();
  const target = publishTargets({ handbook: harness.handbook }, harness.env, client, masker).handbook;
  if (!target) throw new Error('no handbook target');
  return commitHistory(
    target,
    periods.map(([p, v]) => snapshotFor(p, v)),
    meta,
    log,
  );
}

describe('commitHistory (a backfill checkpoint)', () => {
  it('commits the finished months in one commit; again with the same months: no commit', async () => {
    h = await handbookHarness();
    const commit = await checkpoint(h, [
      ['2026-05', 10],
      ['2026-06', 11],
    ]);
    expect(commit).toBeDefined();
    const commits = (h.fake.commits[PROJECT] ?? []).slice(1);
    expect(commits.map((c) => c.title)).toEqual(['DevRel KPIs: history 2026-05 … 2026-06 (2 months)']);
    expect(commits[0]?.files.sort()).toEqual([`${DATA_DIR}/2026-05.json`, `${DATA_DIR}/2026-06.json`]);
    expect(JSON.parse(h.mainFile(`${DATA_DIR}/2026-06.json`) ?? '{}')).toMatchObject({ period: '2026-06' });
    expect(await checkpoint(h, [['2026-06', 11]])).toBeUndefined();
    expect((h.fake.commits[PROJECT] ?? []).length).toBe(commits.length + 1);
  });

  it("keeps a month's stored email delivery record", async () => {
    h = await handbookHarness();
    await h.publish('2026-06', 11);
    const before = JSON.parse(h.mainFile(`${DATA_DIR}/2026-06.json`) ?? '{}') as { publication?: unknown };
    expect(before.publication).toBeDefined();
    await checkpoint(h, [['2026-06', 12]]);
    const after = JSON.parse(h.mainFile(`${DATA_DIR}/2026-06.json`) ?? '{}') as { publication?: unknown; metrics: Record<string, { value: number }> };
    expect(after.metrics['contributors']?.value).toBe(12);
    expect(after.publication).toEqual(before.publication);
  });
});
