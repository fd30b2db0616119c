/** The sample company, built once per test file and copied into each test's data folder (building it costs more than copying). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCompanyDb } from '../../src/cli/gescom-commands.js';

export function sampleTemplate(prefix: string) {
  let dir: string | null = null;
  let db: Promise<string> | null = null;
  return {
    path(): Promise<string> {
      db ??= (async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
        const file = path.join(dir, 'demo.db');
        await createCompanyDb(file, 'sample', true);
        return file;
      })();
      return db;
    },
    remove(): void {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      dir = null;
      db = null;
    },
  };
}
