/**
 * How a requester's phone, e-mail and ID number are written down, so the same person is the
 * same whether a call-centre export says +86 139-0000-0003 or 13900000003.
 */
export function normalizePhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '').replace(/^(0086|86)(?=1\d{10}$)/, '');
  return digits || null;
}

export function normalizeEmail(email: string | null | undefined): string | null {
  return email?.trim().toLowerCase() || null;
}

export function normalizeIdNumber(id: string | null | undefined): string | null {
  return id?.replace(/\s/g, '').toUpperCase() || null;
}
