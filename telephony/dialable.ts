// Citizens' numbers are kept as given (+86…, or national forms from operators); Twilio dials
// E.164 only.

/** "13912345678" / "+86 139-1234-5678" → "+8613912345678"; "0531-8888 1234" → "+8653188881234". */
export function dialableNumber(phone: string): string {
  const compact = phone.replace(/[\s()-]/g, '');
  if (compact.startsWith('+')) return compact;
  if (compact.startsWith('00')) return `+${compact.slice(2)}`;
  if (/^1[3-9]\d{9}$/.test(compact)) return `+86${compact}`;
  // A landline with its area code: the trunk prefix 0 is dropped after the country code.
  if (/^0[1-9]\d{8,10}$/.test(compact)) return `+86${compact.slice(1)}`;
  return compact;
}
