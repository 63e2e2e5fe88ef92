/**
 * How a requester's phone, e-mail and ID number are written down, so the same person is the
 * same whether a call-centre export says +86 139-0000-0003 or 13900000003.
 */
export function normalizePhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  // Several numbers in one field (13800138000/13900139000, 138…、139…): the first, not their digits run together.
  const first = phone.split(SEVERAL_NUMBERS).find((p) => /\d/.test(p)) ?? '';
  const digits = first.replace(/\D/g, '').replace(/^(0086|86)(?=1\d{10}$)/, '');
  return digits.slice(0, MAX_PHONE_DIGITS) || null;
}

const SEVERAL_NUMBERS = /[/、,，;；|]|(?<=(?:^|\D)1\d{10})\s+(?=1\d{10}(?:\D|$))/;
/** As many as the requester's phone holds: more is not a phone number. */
const MAX_PHONE_DIGITS = 40;

export function normalizeEmail(email: string | null | undefined): string | null {
  return email?.trim().toLowerCase() || null;
}

export function normalizeIdNumber(id: string | null | undefined): string | null {
  return id?.replace(/\s/g, '').toUpperCase() || null;
}
