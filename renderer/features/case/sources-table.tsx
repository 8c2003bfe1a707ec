import type { SourceFileInfo } from '../../../analytics/api';
import { useI18n } from '../../i18n/i18n-context';
import { formatBytes } from '../../ui/format-bytes';

export function SourcesTable({ sources }: { readonly sources: readonly SourceFileInfo[] }) {
  const { t, formatNumber } = useI18n();
  if (sources.length === 0) return <p className="hint">{t('sources.empty')}</p>;
  return (
    <div className="table-scroll">
      <table className="table" data-testid="sources-table">
        <thead>
          <tr>
            <th scope="col">{t('sources.name')}</th>
            <th scope="col">{t('sources.format')}</th>
            <th scope="col">{t('sources.encoding')}</th>
            <th scope="col" className="num">
              {t('sources.rowsRead')}
            </th>
            <th scope="col" className="num">
              {t('sources.rowsLoaded')}
            </th>
            <th scope="col" className="num">
              {t('sources.rowsRejected')}
            </th>
            <th scope="col" className="num">
              {t('sources.duplicates')}
            </th>
            <th scope="col" className="num">
              {t('sources.size')}
            </th>
            <th scope="col">{t('sources.sha256')}</th>
            <th scope="col">{t('sources.importedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => (
            <tr key={s.fileId} data-testid="source-row">
              <td className="cell-name" title={s.path}>
                {s.name}
              </td>
              <td>{s.format}</td>
              <td>{s.encoding}</td>
              <td className="num">{formatNumber(s.rowsRead)}</td>
              <td className="num">{formatNumber(s.rowsLoaded)}</td>
              <td className={`num ${s.rowsRejected > 0 ? 'text-warn' : ''}`}>
                {formatNumber(s.rowsRejected)}
              </td>
              <td className="num">{formatNumber(s.duplicates)}</td>
              <td className="num">{formatBytes(s.sizeBytes)}</td>
              {/* The full hash is evidence: shown on hover and selectable, shortened only for space. */}
              <td className="mono" title={s.sha256}>
                {s.sha256.slice(0, 12)}…
              </td>
              <td className="mono">{s.importedAt}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
