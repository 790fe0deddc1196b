// What staff are shown of a stored SMS body: never the citizen's credentials. The receipt holds
// the query password and the survey and completion notices signed links that act as the citizen
// (answer the survey, ask for re-review); a unit rated by that survey must not hold them.

/** The token of a citizen link travels in the URL fragment (lib/citizenAccess/linkUrls.ts). */
const LINK_TOKEN = /(\/citizen\/link\.html#)[^\s]+/g;
/** The receipt's 6-digit query password: six digits standing alone (case numbers are longer). */
const QUERY_PASSWORD = /(?<!\d)\d{6}(?!\d)/g;

export function redactSmsBody(body: string, templateCode: string | null): string {
  let text = body.replace(LINK_TOKEN, '$1[已隐藏]');
  if (templateCode === 'sms.receipt') text = text.replace(QUERY_PASSWORD, '******');
  return text;
}
