/**
 * The data folder: configuration, profiles, state, journals and the demo company in
 * one place. PASSERELLE_DATA_DIR wins; otherwise the OS convention
 * (~/.local/share/passerelle, ~/Library/Application Support/passerelle, %APPDATA%).
 */
import fs from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';

export interface DataDir {
  root: string;
  settingsFile: string;
  profilesDir: string;
  stateFile: string;
  journalsDir: string;
  gescomDir: string;
  i18nDir: string;
  keyFile: string;
}

export function resolveDataDir(explicit?: string): DataDir {
  const root = path.resolve(explicit ?? process.env.PASSERELLE_DATA_DIR ?? envPaths('passerelle', { suffix: '' }).data);
  return {
    root,
    settingsFile: path.join(root, 'settings.json'),
    profilesDir: path.join(root, 'profiles'),
    stateFile: path.join(root, 'state.db'),
    journalsDir: path.join(root, 'journals'),
    gescomDir: path.join(root, 'gescom'),
    i18nDir: path.join(root, 'i18n'),
    keyFile: path.join(root, 'secret.key'),
  };
}

export function ensureDataDir(dir: DataDir): void {
  for (const d of [dir.root, dir.profilesDir, dir.journalsDir, dir.gescomDir, dir.i18nDir]) fs.mkdirSync(d, { recursive: true, mode: 0o700 });
}

/** Writes a file atomically (temp + rename) so a crash never leaves half a profile. */
export function writeFileAtomic(file: string, content: string | Buffer, mode = 0o600): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    fs.writeFileSync(tmp, content, { mode });
    fs.renameSync(tmp, file);
  } catch (err) {
    // A full disk leaves a truncated temp file: remove it, the original stays whole.
    fs.rmSync(tmp, { force: true });
    // Node's write errors (ENOSPC) carry no path: give it, so that the message names the folder.
    const e = err as NodeJS.ErrnoException;
    if (e && typeof e === 'object' && !e.path) e.path = tmp;
    throw err;
  }
}
