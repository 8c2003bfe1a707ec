import { useEffect, useMemo, useRef, useState } from 'react';
import type { Finding } from '../../../analytics/api';
import { useI18n } from '../../i18n/i18n-context';
import { ErrorBanner } from '../../ui/error-banner';
import { useRuleCatalog } from '../rules/rule-catalog-context';
import { FindingDetail } from './finding-detail';
import { filterKey, isFiltered, type FindingsFilter } from './findings-filter';
import { FindingsFilters } from './findings-filters';
import { FindingsPager } from './findings-pager';
import { FindingsTable } from './findings-table';
import { sortFindings, toggleSort, type FindingSort } from './sort-findings';
import { useFindings } from './use-findings';

interface FindingsViewProps {
  readonly filter: FindingsFilter;
  readonly onFilter: (filter: FindingsFilter) => void;
  /** Changes when the findings may have changed (a screening run, another case). */
  readonly refreshKey: string;
}

export function FindingsView({ filter, onFilter, refreshKey }: FindingsViewProps) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="findings-heading" data-testid="findings-view">
      <div className="panel-head">
        <h2 id="findings-heading">{t('findings.heading')}</h2>
        <p className="muted">{t('findings.keys')}</p>
      </div>
      <FindingsFilters filter={filter} onFilter={onFilter} refreshKey={refreshKey} />
      {/* Keyed: a new filter or a new run starts on page one with nothing open. */}
      <FindingsResults key={`${filterKey(filter)}|${refreshKey}`} filter={filter} refreshKey={refreshKey} />
    </section>
  );
}

interface FindingsResultsProps {
  readonly filter: FindingsFilter;
  readonly refreshKey: string;
}

/** One filter's findings: pager, sortable table and the open finding's detail. */
function FindingsResults({ filter, refreshKey }: FindingsResultsProps) {
  const { t } = useI18n();
  const catalog = useRuleCatalog();
  const [offset, setOffset] = useState(0);
  const [sort, setSort] = useState<FindingSort | null>(null);
  // The cursor follows a finding, not a row number, so sorting keeps it on the same finding.
  const [cursorId, setCursorId] = useState<string | null>(null);
  const [open, setOpen] = useState<Finding | null>(null);
  const state = useFindings(filter, offset, refreshKey);
  const master = useRef<HTMLDivElement>(null);
  const detail = useRef<HTMLDivElement>(null);
  const openId = open?.findingId ?? null;
  const page = state.page;
  const rows = useMemo(
    () => (page ? sortFindings(page.findings, sort, catalog.title) : []),
    [page, sort, catalog.title],
  );
  const cursor = Math.max(
    0,
    rows.findIndex((f) => f.findingId === cursorId),
  );

  useEffect(() => {
    // The table sticks to the top while the detail scrolls under it; bring a new detail into view
    // below the table when it opened off-screen, and otherwise leave the page where it is.
    const m = master.current;
    const d = detail.current;
    if (!openId || !m || !d) return;
    const top = d.getBoundingClientRect().top;
    if (top > window.innerHeight - 160) window.scrollBy({ top: top - m.offsetHeight - 8 });
  }, [openId]);

  return (
    <>
      {state.error && <ErrorBanner action={t('error.action.findings:list')} error={state.error} />}
      {state.loading && !page ? (
        <p className="hint">{t('findings.loading')}</p>
      ) : page && page.total === 0 ? (
        <p className="hint" data-testid="findings-empty">
          {t(isFiltered(filter) ? 'findings.emptyFiltered' : 'findings.empty')}
        </p>
      ) : page ? (
        <div className={`findings-master ${open ? 'findings-master-split' : ''}`} ref={master}>
          <FindingsPager
            offset={offset}
            shown={page.findings.length}
            total={page.total}
            onOffset={(o) => {
              setOffset(o);
              setCursorId(null);
            }}
          />
          <FindingsTable
            findings={rows}
            sort={sort}
            onSort={(key) => setSort((s) => toggleSort(s, key))}
            cursor={cursor}
            onCursor={(i) => setCursorId(rows[i]?.findingId ?? null)}
            openId={openId}
            onOpen={setOpen}
          />
        </div>
      ) : null}
      <div ref={detail}>
        {open && (
          <FindingDetail
            key={open.findingId}
            finding={open}
            onClose={() => {
              setOpen(null);
              // Back to where triage continues.
              master.current?.querySelector<HTMLElement>('[data-testid=findings-table]')?.focus();
            }}
          />
        )}
      </div>
    </>
  );
}
