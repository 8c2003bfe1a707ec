import { useRef, type KeyboardEvent } from 'react';
import type { Finding } from '../../../analytics/api';
import { shortLocalTime } from '../../charts/local-time';
import { useI18n } from '../../i18n/i18n-context';
import { nextRow } from '../../ui/row-cursor';
import { SeverityBadge } from '../../ui/severity-badge';
import { useRuleCatalog } from '../rules/rule-catalog-context';
import { findingSummary } from './finding-summary';
import { siteLabel } from './site-label';
import type { FindingSort, FindingSortKey } from './sort-findings';

interface FindingsTableProps {
  readonly findings: readonly Finding[];
  readonly sort: FindingSort | null;
  readonly onSort: (key: FindingSortKey) => void;
  /** Row of the keyboard cursor. */
  readonly cursor: number;
  readonly onCursor: (index: number) => void;
  readonly openId: string | null;
  readonly onOpen: (finding: Finding) => void;
}

const COLUMNS: readonly { readonly key: FindingSortKey | null; readonly num?: boolean }[] = [
  { key: 'severity' },
  { key: 'rule' },
  { key: 'site' },
  { key: 'outlet' },
  { key: 'code' },
  { key: 'start' },
  { key: 'end' },
  { key: 'score', num: true },
  { key: null },
];

const rowId = (f: Finding) => `finding-${f.findingId}`;

/**
 * Dense findings table. The table itself takes the focus: ↑/↓ (PageUp/PageDown, Home/End) move the
 * cursor and Enter opens the finding, so triage needs no mouse.
 */
export function FindingsTable({
  findings,
  sort,
  onSort,
  cursor,
  onCursor,
  openId,
  onOpen,
}: FindingsTableProps) {
  const { t, lang, formatNumber } = useI18n();
  const catalog = useRuleCatalog();
  const body = useRef<HTMLTableSectionElement>(null);
  const active = findings[cursor];

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    // Keys on the sort buttons in the header are theirs.
    if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'Enter' || e.key === ' ') {
      if (!active) return;
      e.preventDefault();
      onOpen(active);
      return;
    }
    const next = nextRow(e.key, cursor, findings.length);
    if (next === null) return;
    e.preventDefault();
    onCursor(next);
    body.current?.children[next]?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <div className="table-scroll findings-scroll">
      <table
        className="table findings-table"
        role="grid"
        tabIndex={0}
        aria-label={t('findings.table.label')}
        aria-activedescendant={active ? rowId(active) : undefined}
        onKeyDown={onKeyDown}
        data-testid="findings-table"
      >
        <thead>
          <tr>
            {COLUMNS.map(({ key, num }, i) => {
              const label = t(`findings.col.${key ?? 'summary'}`);
              const dir = key !== null && sort?.key === key ? sort.dir : null;
              return (
                <th
                  key={key ?? i}
                  scope="col"
                  className={num ? 'num' : ''}
                  aria-sort={dir === null ? undefined : dir === 'asc' ? 'ascending' : 'descending'}
                >
                  {key === null ? (
                    label
                  ) : (
                    <button
                      type="button"
                      className="sort-button"
                      title={t('findings.sort.title')}
                      onClick={() => onSort(key)}
                      data-testid={`sort-${key}`}
                    >
                      {label}
                      <span className="sort-mark" aria-hidden="true">
                        {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}
                      </span>
                    </button>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody ref={body}>
          {findings.map((f, i) => {
            const summary = findingSummary(f, lang);
            return (
              <tr
                key={f.findingId}
                id={rowId(f)}
                className={`finding-row ${i === cursor ? 'row-cursor' : ''} severity-row-${f.severity}`}
                aria-selected={f.findingId === openId}
                data-testid="finding-row"
                data-finding-id={f.findingId}
                data-rule-id={f.ruleId}
                data-site-id={f.siteId ?? undefined}
                data-outlet-id={f.outletId ?? undefined}
                data-code={f.code ?? undefined}
                data-start={f.start ?? undefined}
                data-end={f.end ?? undefined}
                data-severity={f.severity}
                onClick={() => {
                  onCursor(i);
                  onOpen(f);
                }}
              >
                <td>
                  <SeverityBadge severity={f.severity} />
                </td>
                <td className="cell-name" title={`${catalog.title(f.ruleId)} (${f.ruleId})`}>
                  {catalog.title(f.ruleId)}
                </td>
                <td className="cell-name" title={siteLabel(f, t)}>
                  {f.siteName ?? f.siteId ?? '—'}
                </td>
                <td className="mono">{[f.outletId, f.deviceId].filter(Boolean).join(' / ') || '—'}</td>
                <td className="mono">{f.code ?? '—'}</td>
                <td className="mono">{f.start ? shortLocalTime(f.start) : '—'}</td>
                <td className="mono">{f.end ? shortLocalTime(f.end) : '—'}</td>
                <td className="num">{f.score === null ? '—' : formatNumber(f.score, 2)}</td>
                <td className="cell-summary" title={summary}>
                  {summary}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
