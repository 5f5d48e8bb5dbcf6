// Where the report's handbook page will be read: the page, the email and the chat posts all link it.
import type { Goals } from './goals.ts';

/** The handbook page's public URL (publish.handbook.site_url + report.base_path), or null without site_url. */
export function pageUrlOf(goals: Pick<Goals, 'report' | 'publish'>): string | null {
  const site = goals.publish.handbook?.site_url;
  return site ? new URL(goals.report.base_path, site).href : null;
}
