// The month's summary as a Microsoft Teams message for a Workflows (or incoming) webhook: one
// Adaptive Card 1.5 attachment — the title, the health counts, a container per indicator that
// needs attention (value, target, why, DRI as facts), the availability note and a button to the page.
import { forAdaptiveCardMarkdown } from '../escape.ts';
import type { ChatView } from './view.ts';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

type Element = Record<string, unknown> & { type: string };

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: Element[];
  actions?: Element[];
}

export interface TeamsMessage {
  type: 'message';
  attachments: Array<{ contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE; contentUrl: null; content: AdaptiveCard }>;
}

const STYLE: Record<number, string> = { 1: 'attention', 2: 'warning', 3: 'good', 0: 'default' };
const COLOR: Record<number, string> = { 1: 'attention', 2: 'warning', 3: 'good', 0: 'default' };

export function adaptiveCard(view: ChatView): AdaptiveCard {
  const t = forAdaptiveCardMarkdown;
  const body: Element[] = [
    { type: 'TextBlock', text: t(view.title), size: 'large', weight: 'bolder', wrap: true },
    { type: 'TextBlock', text: t(view.period), isSubtle: true, spacing: 'none', wrap: true },
    {
      type: 'ColumnSet',
      spacing: 'medium',
      columns: view.counts.map((c) => ({ type: 'Column', width: 'auto', items: [{ type: 'TextBlock', text: t(c.text), weight: 'bolder', color: COLOR[c.level] ?? 'default', wrap: true }] })),
    },
  ];
  if (view.attention.length) {
    body.push({ type: 'TextBlock', text: 'Needs attention', weight: 'bolder', size: 'medium', separator: true, spacing: 'large', wrap: true });
    for (const item of view.attention) {
      body.push({
        type: 'Container',
        style: STYLE[item.level] ?? 'default',
        spacing: 'small',
        items: [
          { type: 'TextBlock', text: `${t(item.name)} — ${t(item.health)}`, weight: 'bolder', wrap: true },
          {
            type: 'FactSet',
            facts: [{ title: 'Value', value: t(item.value) }, { title: 'Target', value: t(item.target) }, { title: 'Why', value: t(item.reason) }, ...(item.dri ? [{ title: 'DRI', value: t(item.dri) }] : [])],
          },
        ],
      });
    }
    if (view.more) body.push({ type: 'TextBlock', text: `and ${view.more} more in the report`, isSubtle: true, wrap: true });
  }
  if (view.availability) body.push({ type: 'TextBlock', text: t(view.availability), isSubtle: true, wrap: true, spacing: 'medium' });
  if (view.pageNote) body.push({ type: 'TextBlock', text: t(view.pageNote), isSubtle: true, wrap: true, size: 'small' });
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(view.pageUrl ? { actions: [{ type: 'Action.OpenUrl', title: view.pageLinkText, url: view.pageUrl }] } : {}),
  };
}

export function teamsMessage(view: ChatView): TeamsMessage {
  return { type: 'message', attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, contentUrl: null, content: adaptiveCard(view) }] };
}
