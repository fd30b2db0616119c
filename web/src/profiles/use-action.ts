/** A form's submit: busy while it runs, its error kept for the form to show (by field or in a banner). */
import { useCallback, useState } from 'react';

export function useAction(): { busy: boolean; error: unknown; setError: (e: unknown) => void; run: (fn: () => Promise<void>) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
