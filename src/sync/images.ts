/**
 * ART-07: an article's images, from the GesCom record, from its attached documents
 * (.jpg/.png) and from the images folder (REF.jpg, REF_01.jpg … REF_99.jpg, or a
 * sub-folder named after the reference). Each image is hashed so it is sent again
 * only when its content changes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Article } from '../gescom/model.js';
import type { ImageDraft } from './drafts.js';

export interface ImageSettings {
  fromArticle: boolean;
  fromDocuments: boolean;
  fromFolder: boolean;
  folder: string;
  subfolderPerReference: boolean;
}

export interface FileSource {
  articleImage(code: string, position: number): Promise<Buffer | null>;
  articleDocument(code: string, position: number): Promise<Buffer | null>;
}

const IMAGE_EXT = /\.(jpe?g|png|gif|webp)$/i;

export function mimeOf(fileName: string): string {
  const ext = path.extname(fileName).toLowerCase();
  return ext === '.png' ? 'image/png' : ext === '.gif' ? 'image/gif' : ext === '.webp' ? 'image/webp' : ext === '.pdf' ? 'application/pdf' : 'image/jpeg';
}

function sha(buf: Buffer): string {
  return crypto.createHash('sha256').update(buf).digest('hex');
}

function fromBuffer(key: string, fileName: string, mimeType: string, data: Buffer): ImageDraft {
  return { key, fileName, mimeType, sha256: sha(data), load: async () => data };
}

function fromFile(key: string, file: string): ImageDraft {
  const data = fs.readFileSync(file);
  // Only the hash is kept; the bytes are read again when the adapter uploads them.
  return { key, fileName: path.basename(file), mimeType: mimeOf(file), sha256: sha(data), load: async () => fs.promises.readFile(file) };
}

/** Files of the images folder for a reference, in the manual's order: REF.jpg, REF_01.jpg … REF_99.jpg. */
export function folderImages(folder: string, reference: string, subfolder: boolean): string[] {
  const dir = subfolder ? path.join(folder, reference) : folder;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const escaped = reference.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = subfolder ? /^.+$/ : new RegExp(`^${escaped}(?:_(\\d{2}))?\\.[a-z]+$`, 'i');
  return names
    .filter((n) => IMAGE_EXT.test(n) && pattern.test(n))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((n) => path.join(dir, n));
}

export async function collectImages(article: Article, s: ImageSettings, files: FileSource): Promise<ImageDraft[]> {
  const out: ImageDraft[] = [];
  if (s.fromArticle) {
    for (const img of article.images) {
      const data = img.path ? await fs.promises.readFile(img.path).catch(() => null) : await files.articleImage(article.code, img.position);
      if (data) out.push(fromBuffer(`article:${article.code}:${img.position}`, img.fileName, img.mimeType, data));
    }
  }
  if (s.fromDocuments) {
    for (const doc of article.documents.filter((d) => IMAGE_EXT.test(d.fileName))) {
      const data = doc.path ? await fs.promises.readFile(doc.path).catch(() => null) : await files.articleDocument(article.code, doc.position);
      if (data) out.push(fromBuffer(`document:${article.code}:${doc.position}`, doc.fileName, mimeOf(doc.fileName), data));
    }
  }
  if (s.fromFolder && s.folder) {
    for (const file of folderImages(s.folder, article.code, s.subfolderPerReference)) out.push(fromFile(`folder:${file}`, file));
  }
  return out;
}

/** ART-08: the article's documents whose extension is listed. */
export async function collectDocuments(article: Article, extensions: string[], files: FileSource): Promise<ImageDraft[]> {
  const wanted = extensions.map((e) => e.toLowerCase());
  const out: ImageDraft[] = [];
  for (const doc of article.documents.filter((d) => wanted.includes(path.extname(d.fileName).toLowerCase()))) {
    const data = doc.path ? await fs.promises.readFile(doc.path).catch(() => null) : await files.articleDocument(article.code, doc.position);
    if (data) out.push(fromBuffer(`document:${article.code}:${doc.position}`, doc.fileName, mimeOf(doc.fileName), data));
  }
  return out;
}
