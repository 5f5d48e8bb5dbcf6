// GitLab CI log sections: one collapsible section per pipeline step when CI is set, nothing
// (no escape codes) otherwise; and the summary names the exit code's meaning.
import { describe, expect, it } from 'vitest';
import { ciSections, sectionId } from '../../src/ci-sections.ts';

describe('CI sections', () => {
  it('writes section_start / section_end escape lines only when CI is set', () => {
    let out = '';
    const stream = { write: (c: string) => (out += c) };
    const now = () => new Date('2026-11-02T06:00:05Z');
    const s = ciSections({ CI: 'true' }, stream, now);
    s.start('pulse_verify', 'Verify credentials', { collapsed: true });
    s.end('pulse_verify');
    expect(out).toBe('\x1b[0Ksection_start:1793599205:pulse_verify[collapsed=true]\r\x1b[0KVerify credentials\n\x1b[0Ksection_end:1793599205:pulse_verify\r\x1b[0K\n');
    out = '';
    const quiet = ciSections({}, stream, now);
    quiet.start('x', 'X');
    quiet.end('x');
    expect(out).toBe('');
  });

  it('keeps section names to the characters GitLab accepts', () => {
    expect(sectionId('Publish: handbook & email')).toBe('publish_handbook_email');
  });
});
