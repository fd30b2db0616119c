/**
 * PRF-09 "Tester la connexion" for a profile: runs POST /api/profiles/:name/check and shows each
 * check with its state as an icon and a word (never colour alone), what was found and the option
 * to review. For the profile dialog's Site Web tab and the first-run wizard.
 */
import { useEffect, useState } from 'react';
import type { ApiCheck, ApiCheckReport, ApiCheckState } from '../../../src/service/api-types-mapping.ts';
import { api, profilePath } from '../api.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { useT, type TextKey } from '../i18n/index.ts';
import './mapping.css';

const STATE: Record<ApiCheckState, { icon: string; text: TextKey }> = {
  ok: { icon: '✓', text: 'mapping.stateOk' },
  warning: { icon: '⚠', text: 'mapping.stateWarning' },
  error: { icon: '✗', text: 'mapping.stateError' },
};

function CheckTable({ caption, checks }: { caption: string; checks: ApiCheck[] }) {
  const { t } = useT();
  if (checks.length === 0) return null;
  return (
    <table className="mapping-table check-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('mapping.checkColState')}</th>
          <th scope="col">{t('mapping.checkColLabel')}</th>
          <th scope="col">{t('mapping.checkColMessage')}</th>
          <th scope="col">{t('mapping.checkColField')}</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((c) => (
          <tr key={c.id} data-check={c.id} data-state={c.state}>
            <td className={`check-state state-${c.state}`}>
              <span aria-hidden="true">{STATE[c.state].icon}</span> {t(STATE[c.state].text)}
            </td>
            <th scope="row">{c.label}</th>
            <td>{c.message}</td>
            <td>{c.field ? <code>{c.field}</code> : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ConnectionCheck({ profile, autoRun = false }: { profile: string; autoRun?: boolean }) {
  const { t, lang } = useT();
  const [report, setReport] = useState<ApiCheckReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      setReport(await api.post<ApiCheckReport>(profilePath(profile, '/check')));
    } catch (err) {
      setError(err);
      setReport(null);
    } finally {
      setRunning(false);
    }
  };
  useEffect(() => {
    setReport(null);
    if (autoRun) void run();
    // Run again when the profile or the language changes: the texts come from the server.
  }, [profile, autoRun, lang]);
  const count = report?.checks.length ?? 0;
  const errors = report?.checks.filter((c) => c.state === 'error').length ?? 0;
  const warnings = report?.checks.filter((c) => c.state === 'warning').length ?? 0;
  return (
    <section className="connection-check" aria-label={t('mapping.checkTitle')}>
      <button type="button" className="primary" onClick={() => void run()} disabled={running}>
        {t('mapping.checkRun')}
      </button>
      <p role="status" className="check-summary">
        {running ? t('mapping.checkRunning') : report ? (errors + warnings === 0 ? t('mapping.checkAllOk', { count }) : t('mapping.checkSummary', { errors, warnings, count })) : ''}
      </p>
      <ErrorBanner error={error} onRetry={() => void run()} />
      {report && (
        <>
          {/* What needs a look comes first; every check stays one click away. */}
          <CheckTable caption={t('mapping.checkProblems')} checks={report.checks.filter((c) => c.state !== 'ok')} />
          <details open={errors + warnings === 0} className="check-details">
            <summary>{t('mapping.checkAll', { count })}</summary>
            <CheckTable caption={t('mapping.checkGescom')} checks={report.checks.filter((c) => c.side === 'gescom')} />
            <CheckTable caption={t('mapping.checkShop')} checks={report.checks.filter((c) => c.side === 'shop')} />
          </details>
        </>
      )}
    </section>
  );
}
