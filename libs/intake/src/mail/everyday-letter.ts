/**
 * Which letters are everyday ones (MimeInspection.everyday), noted part by part during the MIME walk:
 * such a letter may go to the faster parser (postal-mime).
 */
const EVERYDAY_CONTAINERS = new Set(['multipart/mixed', 'multipart/alternative', 'multipart/related']);
const EVERYDAY_CHARSETS = new Set(['', 'utf-8', 'utf8', 'us-ascii', 'ascii', 'gb2312', 'gbk', 'gb18030']);
const UNUSUAL_FILES = /^application\/(?:(?:vnd\.)?ms-tnef|(?:x-)?pkcs7-|pgp-)/;

/** Notes in the walk what keeps a part from being an everyday letter's. */
export function noteEveryday(
  walk: { bodies: Set<string>; unusual: boolean },
  contentType: string,
  params: Record<string, string>,
  headers: Map<string, string[]>,
): void {
  if (contentType.startsWith('multipart/')) {
    if (!EVERYDAY_CONTAINERS.has(contentType)) walk.unusual = true;
    return;
  }
  if (contentType === 'text/plain' || contentType === 'text/html') {
    const disposition = (headers.get('content-disposition')?.[0] ?? '').trim().toLowerCase();
    const named = params.name !== undefined || /filename/.test(disposition);
    if (named || disposition.startsWith('attachment') || walk.bodies.has(contentType)) walk.unusual = true;
    if (!EVERYDAY_CHARSETS.has((params.charset ?? '').trim().toLowerCase()) || params.format !== undefined) walk.unusual = true;
    walk.bodies.add(contentType);
    return;
  }
  if (!/^(?:image|audio|video|application)\//.test(contentType) || UNUSUAL_FILES.test(contentType)) walk.unusual = true;
}
