/**
 * Staged uploads (images of the catalogue, JSONL variables of bulk mutations): Shopify hands out a
 * target (`stagedUploadsCreate`), the file is POSTed there as a multipart form with the target's
 * parameters first, and the resource is then named by its `resourceUrl` (media) or its `key`
 * parameter (bulk mutations' stagedUploadPath). The target is another host (Shopify's storage):
 * it gets a client of its own, without the shop's credentials.
 */
import crypto from 'node:crypto';
import { PasserelleError } from '../../errors.js';
import type { HttpClient } from '../../http/http-client.js';
import { msg } from '../../i18n/catalogue.js';
import { STAGED_UPLOADS_CREATE } from './documents.js';
import type { ShopifyGraphql } from './graphql-client.js';

export interface StagedFile {
  filename: string;
  mimeType: string;
  resource: 'IMAGE' | 'BULK_MUTATION_VARIABLES';
  bytes: Buffer;
}

export interface StagedTarget {
  url: string;
  resourceUrl: string | null;
  parameters: { name: string; value: string }[];
}

/** A client for an upload target's origin (the adapter builds it on the profile's HTTP settings). */
export type UploadClientFactory = (origin: string) => HttpClient;

export function multipart(parameters: { name: string; value: string }[], file: StagedFile, boundary: string): Buffer {
  const parts: Buffer[] = [];
  for (const p of parameters) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`, 'utf8'));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename.replace(/"/g, '')}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`, 'utf8'));
  parts.push(file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'));
  return Buffer.concat(parts);
}

/** Stages the files (one stagedUploadsCreate for all) and uploads each; returns their targets in order. */
export async function stageFiles(gql: ShopifyGraphql, clientFor: UploadClientFactory, files: StagedFile[], entity: string): Promise<StagedTarget[]> {
  if (files.length === 0) return [];
  const data = await gql.mutate<{ stagedTargets: StagedTarget[] }>(STAGED_UPLOADS_CREATE, {
    input: files.map((f) => ({ filename: f.filename, mimeType: f.mimeType, resource: f.resource, httpMethod: 'POST', fileSize: String(f.bytes.length) })),
  }, entity, 'stagedUploadsCreate');
  const targets = data.stagedTargets;
  for (const [i, file] of files.entries()) {
    const t = targets[i];
    if (!t?.url) throw new PasserelleError(msg('shopify.uploadFailed', { file: file.filename, status: 'no target' }), entity);
    const url = new URL(t.url);
    const boundary = `----passerelle${crypto.randomBytes(12).toString('hex')}`;
    const client = clientFor(url.origin);
    const res = await client.request({
      method: 'POST', path: t.url, entity, idempotent: true, responseType: 'text', allowStatus: [400, 403],
      body: multipart(t.parameters, file, boundary), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    if (res.status >= 300) throw new PasserelleError(msg('shopify.uploadFailed', { file: file.filename, status: String(res.status) }), entity);
  }
  return targets;
}

/** The stagedUploadPath of a bulk mutation: the target's `key` parameter. */
export function stagedPath(t: StagedTarget): string {
  return t.parameters.find((p) => p.name === 'key')?.value ?? t.resourceUrl ?? '';
}
