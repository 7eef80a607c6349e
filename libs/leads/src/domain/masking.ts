import type { ContactChannel } from './duplicate-matching';

/** What a viewer sees of an email: enough to recognise it, not enough to use it. */
export function maskEmail(email: string | null): string | null {
  if (email === null) return null;
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***@${email.slice(at + 1)}`;
}

/** The last two digits only: `+1*********71`. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const digits = phone.replace(/\D/g, '');
  return `+${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}

/** An email or phone, masked as the lead's own would be. */
export function maskContact(channel: ContactChannel, value: string): string {
  return (channel === 'email' ? maskEmail(value) : maskPhone(value))!;
}

/** Free text hides whole: that there is some, never what it says. */
export function maskText(text: string | null): string | null {
  return text === null ? null : '***';
}
