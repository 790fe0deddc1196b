// Citizens' numbers are kept as given: E.164 from Twilio (+8613912345678), national forms from
// operators and web forms (13912345678, 0531-88881234). Twilio dials and texts E.164 only, and a
// number must find the cases it filed in whichever form they were kept.

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

/** Every form a case may have kept this number in: as given, E.164, and the mainland forms. */
export function phoneForms(phone: string): string[] {
  const e164 = dialableNumber(phone);
  const forms = new Set([phone, e164]);
  if (e164.startsWith('+86')) {
    const national = e164.slice(3);
    forms.add(/^1[3-9]\d{9}$/.test(national) ? national : `0${national}`);
    forms.add(e164.slice(1));
  }
  return [...forms].filter((form) => /^\+?\d{5,20}$/.test(form));
}
