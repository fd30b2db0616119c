/**
 * Staged uploads: stagedUploadsCreate returns targets on the simulator itself, shaped as
 * Shopify's (Google Cloud Storage): POST targets take a multipart form with the returned
 * parameters then the `file` part; PUT targets take the raw bytes. BULK_MUTATION_VARIABLES uploads
 * are referred to by their `key` parameter (stagedUploadPath); media by their resourceUrl.
 */
import crypto from 'node:crypto';
import { requireScope, userError, type Ctx, type UserErrorOut } from './context.js';
import type { StagedUploadRec, ShopifyState } from './state.js';

const RESOURCES = new Set(['BULK_MUTATION_VARIABLES', 'COLLECTION_IMAGE', 'FILE', 'IMAGE', 'MODEL_3D', 'PRODUCT_IMAGE', 'SHOP_IMAGE', 'VIDEO', 'URL_REDIRECT_IMPORT', 'RETURN_LABEL', 'DISPUTE_FILE_UPLOAD']);
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** The signature the simulator puts in POST policies and PUT URLs, checked on upload. */
export function uploadSignature(secret: string, key: string): string {
  return crypto.createHmac('sha256', secret).update(key).digest('hex');
}

export function uploadMutations(ctx: Ctx, secret: string) {
  const s = ctx.state;
  return {
    stagedUploadsCreate: (args: { input: { resource: string; filename: string; mimeType: string; httpMethod?: 'POST' | 'PUT' | null; fileSize?: string | null }[] }) => {
      const errors: UserErrorOut[] = [];
      const targets = args.input.map((i, n) => {
        if (i.resource !== 'BULK_MUTATION_VARIABLES') requireScope(ctx, 'stagedUploadsCreate', i.resource === 'FILE' || i.resource === 'IMAGE' ? 'write_files' : 'write_products');
        if (!RESOURCES.has(i.resource)) errors.push(userError(['input', n, 'resource'], `Resource ${i.resource} is not supported`));
        if ((i.resource === 'VIDEO' || i.resource === 'MODEL_3D') && !i.fileSize) errors.push(userError(['input', n, 'fileSize'], 'File size is required for videos and 3D models'));
        if (!i.filename) errors.push(userError(['input', n, 'filename'], "Filename can't be blank"));
        const method = i.httpMethod ?? 'PUT';
        const folder = i.resource === 'BULK_MUTATION_VARIABLES' ? 'bulk' : 'products';
        const key = `tmp/${s.shop.myshopifyDomain.split('.')[0]}/${folder}/${crypto.randomUUID()}/${i.filename}`;
        const rec: StagedUploadRec = { key, resource: i.resource, filename: i.filename, mimeType: i.mimeType, httpMethod: method, data: null, uploadedAt: null };
        s.stagedUploads.set(key, rec);
        const resourceUrl = `${ctx.hooks.url}/staged-uploads/${encodeURI(key)}`;
        const signature = uploadSignature(secret, key);
        if (method === 'POST') {
          return {
            url: `${ctx.hooks.url}/staged-uploads/`,
            resourceUrl: i.resource === 'BULK_MUTATION_VARIABLES' ? null : resourceUrl,
            parameters: [
              { name: 'Content-Type', value: i.mimeType },
              { name: 'success_action_status', value: '201' },
              { name: 'acl', value: 'private' },
              { name: 'key', value: key },
              { name: 'x-goog-date', value: s.now().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '') },
              { name: 'x-goog-credential', value: 'passerelle-simulator/auto/storage/goog4_request' },
              { name: 'x-goog-algorithm', value: 'GOOG4-RSA-SHA256' },
              { name: 'x-goog-signature', value: signature },
              { name: 'policy', value: Buffer.from(JSON.stringify({ conditions: [{ key }], expiration: new Date(s.now().getTime() + 7 * 86_400_000).toISOString() })).toString('base64') },
            ],
          };
        }
        return {
          url: `${resourceUrl}?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=${signature}`,
          resourceUrl,
          parameters: [{ name: 'content_type', value: i.mimeType }, { name: 'acl', value: 'private' }],
        };
      });
      return errors.length ? { stagedTargets: null, userErrors: errors } : { stagedTargets: targets, userErrors: [] };
    },
  };
}

export interface UploadResult { status: number; contentType: string; body: string }

/** POST multipart to /staged-uploads/: the parameters, then `file` (last, as GCS wants). */
export async function receivePostUpload(state: ShopifyState, secret: string, contentType: string, body: Buffer, siteUrl: string): Promise<UploadResult> {
  const xmlError = (status: number, code: string, message: string): UploadResult => ({ status, contentType: 'application/xml; charset=UTF-8', body: `<?xml version='1.0' encoding='UTF-8'?><Error><Code>${code}</Code><Message>${message}</Message></Error>` });
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) return xmlError(400, 'InvalidArgument', 'POST requires a multipart/form-data body.');
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch {
    return xmlError(400, 'InvalidArgument', 'The multipart body could not be parsed.');
  }
  const key = form.get('key');
  const sig = form.get('x-goog-signature');
  const file = form.get('file');
  if (typeof key !== 'string') return xmlError(400, 'InvalidArgument', 'Missing key.');
  const rec = state.stagedUploads.get(key);
  if (!rec || rec.httpMethod !== 'POST') return xmlError(403, 'AccessDenied', 'No staged upload target for this key.');
  if (sig !== uploadSignature(secret, key)) return xmlError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
  if (!file || typeof file === 'string') return xmlError(400, 'InvalidArgument', 'Missing file part (it must be the last field of the form).');
  const data = Buffer.from(await file.arrayBuffer());
  if (data.length > MAX_UPLOAD_BYTES) return xmlError(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.');
  rec.data = data;
  rec.uploadedAt = state.now();
  const etag = crypto.createHash('md5').update(data).digest('hex');
  const status = form.get('success_action_status') === '201' ? 201 : 204;
  return {
    status,
    contentType: 'application/xml; charset=UTF-8',
    body: status === 201 ? `<?xml version='1.0' encoding='UTF-8'?><PostResponse><Location>${siteUrl}/staged-uploads/${encodeURI(key)}</Location><Bucket>shopify-staged-uploads</Bucket><Key>${key}</Key><ETag>"${etag}"</ETag></PostResponse>` : '',
  };
}

/** PUT raw bytes to a signed /staged-uploads/{key}?X-Goog-Signature=… URL. */
export function receivePutUpload(state: ShopifyState, secret: string, key: string, signature: string | null, body: Buffer): UploadResult {
  const rec = state.stagedUploads.get(key);
  if (!rec || rec.httpMethod !== 'PUT') return { status: 403, contentType: 'application/xml; charset=UTF-8', body: '<Error><Code>AccessDenied</Code><Message>No staged upload target for this key.</Message></Error>' };
  if (signature !== uploadSignature(secret, key)) return { status: 403, contentType: 'application/xml; charset=UTF-8', body: '<Error><Code>SignatureDoesNotMatch</Code></Error>' };
  if (body.length > MAX_UPLOAD_BYTES) return { status: 400, contentType: 'application/xml; charset=UTF-8', body: '<Error><Code>EntityTooLarge</Code></Error>' };
  rec.data = body;
  rec.uploadedAt = state.now();
  return { status: 200, contentType: 'text/plain', body: '' };
}
