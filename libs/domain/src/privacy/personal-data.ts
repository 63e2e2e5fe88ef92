/**
 * Masking of a requester's personal data (是否保密, and a unit that no longer holds a ticket).
 * Every place a unit reads a ticket (the API's detail and lists, attachment names, mails to
 * units) masks through this one module, so a field added in one place is masked in all.
 */

/** What is known of the person behind a ticket: the requester's fields and the ticket's own address. */
export interface PersonalData {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  idNumber?: string | null;
  /** The requester's address, or the ticket's (often the requester's home: noise, leaks, neighbours). */
  address?: string | null;
  /** A second address (the ticket's when `address` is the requester's). */
  otherAddress?: string | null;
}

export function maskName(name: string | null | undefined): string {
  if (!name) return '匿名';
  return name.slice(0, 1) + '*'.repeat(Math.max(1, name.length - 1));
}

export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

export function maskEmail(email: string | null | undefined): string {
  if (!email) return '';
  const [user, domain] = email.split('@');
  return `${user.slice(0, 1)}***@${domain ?? ''}`;
}

/** The region code (first 3) and the check character stay; birth date and sequence go. */
export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return '';
  return id.length > 6 ? `${id.slice(0, 3)}${'*'.repeat(id.length - 4)}${id.slice(-1)}` : '****';
}

/** One administrative level: 青禾市, 东湖区, 南港县… (not 桃园小区 or 科技园区, which are places in it). */
const ADMIN_LEVEL = /^[^\d０-９\s,，、;；:：()（）#＃-]{1,8}?(?:特别行政区|自治区|自治州|自治县|省|市|州|盟|地区|区|县|旗)/;
const NOT_ADMIN = /(?:小区|社区|园区|校区|景区|厂区|营区|城区|片区|新区花园)$/;

/**
 * An address as a unit may read it on a confidential ticket: the province, city and district
 * (which the ticket's region says anyway), never the street, building or door.
 */
export function maskAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  let rest = address.trim();
  let kept = '';
  for (let level = 0; level < 3; level++) {
    const m = ADMIN_LEVEL.exec(rest);
    if (!m || NOT_ADMIN.test(m[0])) break;
    kept += m[0];
    rest = rest.slice(m[0].length);
  }
  return rest ? `${kept}****` : kept || '****';
}

/** What a masked requester looks like: never the ID number nor the address. */
export interface MaskedRequester {
  name: string;
  phone: string;
  email: string;
  idNumber: null;
  address: null;
  masked: true;
}

export function maskRequester(p: PersonalData): MaskedRequester {
  return { name: maskName(p.name), phone: maskPhone(p.phone), email: maskEmail(p.email), idNumber: null, address: null, masked: true };
}

// Numbers and addresses written anywhere in a free text (a letter, a reply, a file name).
const ID_NUMBER = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9])(?:(?:\+|00)?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?![0-9])/g;
const LANDLINE = /(?<![0-9])0\d{2,3}[-\s]?\d{7,8}(?![0-9])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

function replaceLiteral(text: string, value: string | null | undefined, masked: string, minLength: number): string {
  const v = value?.trim();
  if (!v || v.length < minLength || v === masked) return text;
  return text.split(v).join(masked);
}

/**
 * A free text with the requester's own name, address, phone, e-mail and ID number masked where
 * they are written as given, and any phone number, e-mail or ID number masked wherever it is.
 */
export function redactPersonalText(text: string, p: PersonalData): string;
export function redactPersonalText(text: string | null, p: PersonalData): string | null;
export function redactPersonalText(text: string | null, p: PersonalData): string | null {
  if (!text) return text;
  let out = text;
  // Longest first: an address may contain the name of a place that is also part of another value.
  for (const address of [p.address, p.otherAddress].filter(Boolean).sort((a, b) => (b as string).length - (a as string).length)) {
    out = replaceLiteral(out, address, maskAddress(address) ?? '', 4);
  }
  out = replaceLiteral(out, p.email, maskEmail(p.email), 3);
  out = replaceLiteral(out, p.idNumber, maskIdNumber(p.idNumber), 6);
  out = replaceLiteral(out, p.phone, maskPhone(p.phone), 5);
  // A one-character name (or 匿名) would mask every such character in the text.
  if (p.name && p.name !== '匿名') out = replaceLiteral(out, p.name, maskName(p.name), 2);
  return out
    .replace(EMAIL, (m) => maskEmail(m))
    .replace(ID_NUMBER, (m) => maskIdNumber(m))
    .replace(MOBILE, (m) => maskPhone(m.replace(/\D/g, '').replace(/^(?:00)?86(?=1\d{10}$)/, '')))
    .replace(LANDLINE, (m) => maskPhone(m.replace(/\D/g, '')));
}
