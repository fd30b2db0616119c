/** An error as a person reads it: the message, then the item and field at fault; never a stack. */
import { ApiError } from '../api.ts';
import { useT } from '../i18n/index.ts';

export function ErrorBanner({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useT();
  if (!error) return null;
  const body = error instanceof ApiError ? error.body : { error: 'Error', message: error instanceof Error ? error.message : String(error) };
  return (
    <div role="alert" className="error-banner" data-error={body.error}>
      <strong>{t('common.errorTitle')}</strong>
      <p>{body.message}</p>
      {body.entity && <p className="error-detail">{t('common.errorEntity', { entity: body.entity })}</p>}
      {body.field && <p className="error-detail">{t('common.errorField', { field: body.field })}</p>}
      {body.issues && body.issues.length > 1 && (
        <ul>
          {body.issues.map((i) => (
            <li key={i.path + i.message}>
              <code>{i.path}</code>{t('common.labelColon')}{i.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
