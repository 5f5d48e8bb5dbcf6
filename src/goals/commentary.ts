// The team's own words on a metric for a month ("the hackathon moved to November"): written in the
// goals file, reviewed in the goals merge request, shown on the page and in the email beside the
// computed reasons. Short by design (one sentence or two): it explains a number, it is not a report.
import { z } from 'zod';

export const COMMENTARY_MAX_CHARS = 280;

const MONTH_KEY = /^20\d{2}-(0[1-9]|1[0-2])$/;

export const commentarySchema = z
  .record(
    z.string().regex(MONTH_KEY, { error: 'keys must be months from 2000-01 on, like 2026-11' }),
    z
      .string({ error: 'must be text, e.g. "2026-11": "The hackathon moved to November."' })
      .trim()
      .min(1, { error: 'must not be empty: delete the month instead' })
      .refine((text) => [...text].length <= COMMENTARY_MAX_CHARS, { error: `must be at most ${COMMENTARY_MAX_CHARS} characters: one or two sentences; link to an issue under urls for more` })
      .describe(`The team's note for this month, at most ${COMMENTARY_MAX_CHARS} characters, shown as plain text (no Markdown, HTML or links).`),
  )
  .describe('The team\'s short note per month, e.g. { "2026-11": "The hackathon moved to November." }: shown on the page, in the email and in the goals preview beside the computed reasons.');

/** The note for `period` ("2026-11"), or null. */
export function commentaryFor(commentary: Readonly<Record<string, string>> | undefined, period: string): string | null {
  return commentary !== undefined && Object.hasOwn(commentary, period) ? (commentary[period] ?? null) : null;
}
