/** "Voir le fichier journal": the last lines of the profile's journal file, in the virtualised journal view. */
import { useEffect, useMemo, useState } from 'react';
import type { ApiJournalEntry } from '../../../src/service/api-types.ts';
import type { ApiJournalFile } from '../../../src/service/api-types-main-window.ts';
import { api, profilePath } from '../api.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { Modal, ModalClose } from '../components/modal.tsx';
import { JournalView } from '../components/journal-view.tsx';
import { useT } from '../i18n/index.ts';

/** Enough for days of runs; the view stays fast at any count (virtualised). */
const LINES = 50_000;

export function JournalFileDialog({ profile, onClose }: { profile: string; onClose: () => void }) {
  const { t } = useT();
  const [file, setFile] = useState<ApiJournalFile | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.get<ApiJournalFile>(profilePath(profile, `/journal?lines=${LINES}`)).then(setFile, setError);
  }, [profile]);
  const entries = useMemo<ApiJournalEntry[]>(
    () => file?.lines.map((l) => ({ runId: null, profile, at: '', level: l.level, text: l.line, line: l.line })) ?? [],
    [file, profile],
  );
  return (
    <Modal
      title={t('mainWindow.journalFileTitle')}
      description={file ? (file.exists ? t('mainWindow.journalFileDesc', { file: file.file, shown: file.lines.length, total: file.total }) : t('mainWindow.journalFileNone', { file: file.file })) : t('common.loading')}
      onClose={onClose}
      wide
      testId="journal-file-dialog"
    >
      <ErrorBanner error={error} />
      {file?.exists && <JournalView entries={entries} label={t('mainWindow.journalFileTitle')} height={480} />}
      <div className="modal-buttons">
        <ModalClose asChild>
          <button type="button">{t('common.close')}</button>
        </ModalClose>
      </div>
    </Modal>
  );
}
