/** The SMTP tab's test message (POST /api/profiles/:name/mail/test): the server's answer, or why it refused. */
import { useState } from 'react';
import { api, profilePath } from '../api.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { useT } from '../i18n/index.ts';

interface MailTestResult {
  host: string;
  port: number;
  to: string[];
  response: string;
  accepted: string[];
  rejected: string[];
}

export function SmtpTest({ profile, unsaved }: { profile: string; unsaved: boolean }) {
  const { t } = useT();
  const [to, setTo] = useState('');
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<MailTestResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  const send = async () => {
    setSending(true);
    setResult(null);
    setError(null);
    try {
      // Under /api/profiles: with an options password set, the service asks for it (api.ts prompts).
      setResult(await api.post<MailTestResult>(profilePath(profile, '/mail/test'), to.trim() ? { to } : {}));
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="op-smtp-test">
      <h3 id="op-smtp-test">{t('options.testHeading')}</h3>
      {unsaved && <p className="pd-note">{t('options.testSaveFirst')}</p>}
      <div className="op-form">
        <label htmlFor="op-test-to">{t('options.testRecipients')}</label>
        <input id="op-test-to" type="text" value={to} onChange={(e) => setTo(e.target.value)} placeholder="mail@domain.com, mail2@domain.com" />
      </div>
      <div className="pd-actions">
        <button type="button" onClick={() => void send()} disabled={sending}>{sending ? t('options.sending') : t('options.sendTest')}</button>
      </div>
      {result && (
        <div role="status" data-testid="smtp-test-result">
          <p>{t('options.testSent', { host: result.host, port: result.port, to: result.to.join(', '), response: result.response })}</p>
          {result.rejected.length > 0 && <p className="pd-issue">{t('options.testRejected', { list: result.rejected.join(', ') })}</p>}
        </div>
      )}
      <ErrorBanner error={error} />
    </section>
  );
}
