// The demo's screenshots of the email (600 and 375 px) land in a folder that does not exist yet,
// from a relative run directory, as `community-pulse demo --out pulse-demo` asks for them.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium, screenshotEmail } from '@community-pulse/demo/screenshots';

const dir = mkdtempSync(join(tmpdir(), 'pulse-shots-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!findChromium(process.env.PATH))('demo screenshots', () => {
  it('writes email-600.png and email-375.png into a folder that does not exist yet', async () => {
    mkdirSync(join(dir, 'run'));
    // What every run writes: the email as sent, its charts pointed at the files beside it.
    writeFileSync(join(dir, 'run', 'email.preview.html'), '<!doctype html><html><body><h1>Developer Relations — October 2026</h1><p>1 problem, 2 attention, 15 okay</p></body></html>');
    const shots = await screenshotEmail(join(dir, 'run'), join(dir, 'out', 'screenshots'), process.env.PATH, 30_000);
    expect(shots.map((s) => s.slice(dir.length))).toEqual(['/out/screenshots/email-600.png', '/out/screenshots/email-375.png']);
    for (const s of shots) expect(existsSync(s), s).toBe(true);
  });
});
