import { createHmac, timingSafeEqual } from 'crypto';

/** How long a download link works: long enough to click, too short to be worth stealing from a log or history. */
export const ATTACHMENT_LINK_SECONDS = 300;

export interface SignedAttachment {
  attachmentId: number;
  /** Unix seconds. */
  expires: number;
  /** The file name is masked (a unit on a confidential ticket asked for the link). */
  masked: boolean;
}

/**
 * Short-lived signed download links for attachments, so a browser can open one without the
 * session token in its URL: an HMAC over the attachment id, the expiry and the masking, with
 * HUB_LINK_SECRET. Whoever holds the link gets that one file until it expires, nothing more.
 */
export class AttachmentLinks {
  constructor(
    private readonly secret: string,
    private readonly now: () => Date,
  ) {}

  private sign(a: SignedAttachment): Buffer {
    return createHmac('sha256', this.secret)
      .update(`attachment:${a.attachmentId}:${a.expires}:${a.masked ? 1 : 0}`)
      .digest();
  }

  create(attachmentId: number, masked: boolean): { url: string; expiresAt: Date } {
    const expires = Math.floor(this.now().getTime() / 1000) + ATTACHMENT_LINK_SECONDS;
    const signature = this.sign({ attachmentId, expires, masked }).toString('base64url');
    return { url: `/api/attachments/${attachmentId}?expires=${expires}&masked=${masked ? 1 : 0}&signature=${signature}`, expiresAt: new Date(expires * 1000) };
  }

  /** 'ok', or why the link does not open the file. */
  check(a: SignedAttachment, signature: string): 'ok' | 'bad' | 'expired' {
    const given = Buffer.from(signature, 'base64url');
    const expected = this.sign(a);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad';
    return a.expires * 1000 < this.now().getTime() ? 'expired' : 'ok';
  }
}
