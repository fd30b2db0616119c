/**
 * Media library: images sideloaded from product payloads (`images: [{src}]`) and binary uploads
 * through WordPress' own `POST /wp-json/wp/v2/media` (application-password Basic auth, see
 * server.ts). Files are kept in memory and served under /wp-content/uploads/YYYY/MM/<name>.
 */
import type { Sim } from './context.js';
import { sanitizeTitle, wpDate } from './php.js';
import { RestError } from './rest.js';
import type { MediaRec } from './state.js';

const MIME: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', jpe: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp',
  avif: 'image/avif', svg: 'image/svg+xml', bmp: 'image/bmp', ico: 'image/x-icon', heic: 'image/heic', pdf: 'application/pdf',
};

export function mimeOf(fileName: string): string | undefined {
  const ext = fileName.split('.').pop()?.toLowerCase() ?? '';
  return MIME[ext];
}

/** wp_unique_filename() in the month folder. */
function uniqueFileName(sim: Sim, fileName: string, folder: string): string {
  const dot = fileName.lastIndexOf('.');
  const base = dot > 0 ? fileName.slice(0, dot) : fileName;
  const ext = dot > 0 ? fileName.slice(dot) : '';
  const taken = (n: string) => sim.state.mediaPaths.has(`${folder}/${n}`);
  let name = `${base}${ext}`;
  let i = 1;
  while (taken(name)) name = `${base}-${i++}${ext}`;
  return name;
}

function sanitizeFileName(name: string): string {
  const dot = name.lastIndexOf('.');
  const base = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const clean = sanitizeTitle(base).replace(/%[0-9a-f]{2}/gi, '') || 'file';
  return ext ? `${clean}.${ext}` : clean;
}

export function createMedia(sim: Sim, fileName: string, data: Buffer | null, originalSrc: string | null, parentId: number, mimeType?: string): MediaRec {
  const now = sim.state.now();
  const folder = `/wp-content/uploads/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const name = uniqueFileName(sim, sanitizeFileName(fileName), folder);
  const dot = name.lastIndexOf('.');
  const rec: MediaRec = {
    id: sim.state.nextId('post'),
    title: dot > 0 ? name.slice(0, dot) : name,
    alt: '',
    fileName: name,
    mimeType: mimeType ?? mimeOf(name) ?? 'application/octet-stream',
    sourceUrl: `${sim.site}${folder}/${name}`,
    originalSrc,
    bytes: data?.length ?? 0,
    dateCreated: now,
    dateModified: now,
    parentId,
  };
  sim.state.media.set(rec);
  sim.state.mediaPaths.add(`${folder}/${name}`);
  if (data) sim.state.mediaFiles.set(rec.id, data);
  return rec;
}

/**
 * What WooCommerce does with `images: [{src}]`: downloads the URL into the media library. The
 * simulator does not download: it records the URL (MediaRec.originalSrc) and creates the attachment.
 */
export function sideloadImage(sim: Sim, src: string, parentId: number): MediaRec {
  let url: URL;
  try {
    url = new URL(src);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
  } catch {
    throw new RestError('woocommerce_product_image_upload_error', `Invalid URL ${src}.`, 400);
  }
  const last = decodeURIComponent(url.pathname.split('/').pop() ?? '') || 'image.jpg';
  const name = mimeOf(last) ? last : `${last || 'image'}.jpg`;
  const mime = mimeOf(name);
  if (!mime || !mime.startsWith('image/')) {
    throw new RestError('woocommerce_product_image_upload_error', 'Invalid image: Sorry, you are not allowed to upload this file type.', 400);
  }
  return createMedia(sim, name, null, src, parentId, mime);
}

/** Image object inside product / variation / category answers. */
export function mediaObjectForProduct(m: MediaRec): Record<string, unknown> {
  return {
    id: m.id,
    date_created: wpDate(m.dateCreated),
    date_created_gmt: wpDate(m.dateCreated),
    date_modified: wpDate(m.dateModified),
    date_modified_gmt: wpDate(m.dateModified),
    src: m.sourceUrl,
    name: m.title,
    alt: m.alt,
  };
}

/** WordPress wp/v2 media object (the fields a client uses; others minimal). */
export function wpMediaObject(sim: Sim, m: MediaRec): Record<string, unknown> {
  const isImage = m.mimeType.startsWith('image/');
  return {
    id: m.id,
    date: wpDate(m.dateCreated),
    date_gmt: wpDate(m.dateCreated),
    guid: { rendered: m.sourceUrl, raw: m.sourceUrl },
    modified: wpDate(m.dateModified),
    modified_gmt: wpDate(m.dateModified),
    slug: sanitizeTitle(m.title),
    status: 'inherit',
    type: 'attachment',
    link: `${sim.site}/?attachment_id=${m.id}`,
    title: { raw: m.title, rendered: m.title },
    author: 1,
    featured_media: 0,
    comment_status: 'open',
    ping_status: 'closed',
    template: '',
    meta: [],
    permalink_template: `${sim.site}/?attachment_id=${m.id}`,
    generated_slug: sanitizeTitle(m.title),
    class_list: [`post-${m.id}`, 'attachment', 'type-attachment', 'status-inherit', 'hentry'],
    description: { raw: '', rendered: isImage ? `<p class="attachment"><a href='${m.sourceUrl}'><img src="${m.sourceUrl}" alt="" /></a></p>\n` : '' },
    caption: { raw: '', rendered: '' },
    alt_text: m.alt,
    media_type: isImage ? 'image' : 'file',
    mime_type: m.mimeType,
    media_details: { filesize: m.bytes, sizes: {} },
    post: m.parentId || null,
    source_url: m.sourceUrl,
    missing_image_sizes: [],
    _links: {
      self: [{ href: `${sim.site}/wp-json/wp/v2/media/${m.id}`, targetHints: { allow: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] } }],
      collection: [{ href: `${sim.site}/wp-json/wp/v2/media` }],
      about: [{ href: `${sim.site}/wp-json/wp/v2/types/attachment` }],
      author: [{ embeddable: true, href: `${sim.site}/wp-json/wp/v2/users/1` }],
      replies: [{ embeddable: true, href: `${sim.site}/wp-json/wp/v2/comments?post=${m.id}` }],
    },
  };
}
