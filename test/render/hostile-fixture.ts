// Strings from goals files and APIs that try to break each output context.
import type { MetricReport } from '../../src/evaluate/model.ts';
import { MONTHS, metric, report, row } from './fixture.ts';

export const HOSTILE = [
  'a | b || c',
  'line one\nline two\r\n\n- not a list',
  '<script>alert(1)</script><img src=x onerror=alert(2)>',
  '{{< x >}} and {{% y %}} and {{<x>}}',
  '```\ncode fence``` and `inline`',
  '[click](javascript:alert(1)) and ]() and ![img](http://e/x.png)',
  'He said "hi" and \'bye\' %% comment',
  'L'.repeat(300),
  'مساهمو المجتمع الشهريون עברית',
  '**bold** _it_ # heading > quote &amp; &lt;',
];

const evil = (i: number) => HOSTILE[i % HOSTILE.length] ?? '';

/** Every breakdown kind in turn, with hostile labels, keys and links (API strings all). */
function breakdownOf(i: number): Pick<MetricReport, 'breakdown' | 'releases'> {
  const links = ['javascript:alert(1)', 'https://example.com/x|y)(<b>', 'data:text/html,<script>x</script>', ' https://gitlab.com/i/1 '];
  switch (i % 4) {
    case 0:
      return {
        breakdown: { kind: 'items', rows: HOSTILE.map((text, k) => row({ key: `k${k}`, label: text, value: 1, date: k % 2 ? '2026-10-03' : evil(k + i), url: links[k % links.length] ?? null })) },
        releases: [],
      };
    case 1:
      return {
        breakdown: { kind: 'cohorts', rows: [row({ key: evil(i), label: evil(i + 1), value: 40, count: 5 }), row({ key: '2026-09', label: evil(i + 2), value: null, count: null, partial: true })] },
        releases: [],
      };
    case 2:
      return { breakdown: { kind: 'statistics', rows: [row({ key: 'median', label: evil(i), value: 3, count: 9 }), row({ key: evil(i + 1), label: evil(i + 2), value: 7, count: 9 })] }, releases: [] };
    default:
      return {
        breakdown: { kind: 'releases', rows: [row({ key: evil(i), label: evil(i), value: 13 + i, date: '2026-10-15' })] },
        releases: MONTHS.map((period, k) => ({ release: k === 12 ? evil(i) : evil(i + k), due_date: k === 3 ? evil(i + 1) : `${period}-15`, value: k === 5 ? null : k + 1, period })),
      };
  }
}

export function hostileReport() {
  return report(
    HOSTILE.map((text, i) =>
      metric({
        id: `hostile-${i}`,
        name: text,
        definition: `${evil(i + 1)} ${evil(i + 2)}`,
        is_key: i < 3,
        public: true,
        dri: evil(i + 3),
        unit: evil(i + 4).slice(0, 40),
        values: [1, 2, null, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 + i],
        target: 10,
        words: evil(i + 5),
        level: ((i % 4) as 0 | 1 | 2 | 3),
        reasons: [evil(i + 6), evil(i + 7)],
        note: evil(i + 8),
        urls: ['https://example.com/a b)(<x>', 'javascript:alert(1)', `https://example.com/${encodeURIComponent(evil(i))}`],
        source: { name: evil(i + 9).slice(0, 50), type: 'gitlab', query: { kind: 'merged_mr_authors', group: evil(i) } },
        first: [{ username: `u${i}`, name: evil(i + 2), count: 1, web_url: i % 2 ? 'javascript:alert(1)' : 'https://gitlab.com/u' }],
        top: [{ username: evil(i + 3).slice(0, 20), name: evil(i), count: 2, web_url: 'https://gitlab.com/u)(' }],
        estimate: i % 3 === 1,
        commentary: `${evil(i + 10)} @all #1 https://evil.example/x`,
        ...breakdownOf(i),
      }),
    ),
    `Title ${HOSTILE[3]} ${HOSTILE[1]} ${HOSTILE[2]}`,
  );
}

