// Twilio gives numbers in E.164 (+8613912345678); cases keep what intake was given, which for
// operator intake may be the national form (13912345678). A sender matches either.

export function phoneForms(e164: string): string[] {
  const forms = new Set([e164]);
  if (e164.startsWith('+86')) {
    forms.add(e164.slice(3));
    forms.add(e164.slice(1));
  }
  return [...forms];
}
