// Signed citizen links and sealed receipt secrets: what verifies, what does not, and why.
import assert from 'node:assert/strict';
import { signLinkToken, verifyLinkToken } from '../../lib/citizenAccess/linkTokens';
import { sealSecret, unsealSecret } from '../../lib/citizenAccess/sealedSecrets';

const SECRET = 'unit-test-link-secret-0123456789-abcdef';
const now = new Date('2026-11-23T02:00:00Z');
const later = new Date('2026-11-30T02:00:00Z');

describe('citizen links and sealed secrets', () => {
  it('verifies a link it signed, with every claim, until it expires', () => {
    const survey = signLinkToken({ purpose: 'survey', caseId: '2026112300001', round: 2, expiresAt: later }, SECRET);
    assert.match(survey, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    assert.ok(survey.length <= 96, `short enough for an SMS: ${survey.length}`);
    assert.deepEqual(verifyLinkToken(survey, SECRET, now), { ok: true, link: { purpose: 'survey', caseId: '2026112300001', round: 2, expiresAt: later } });
    const reReview = signLinkToken({ purpose: 'reReview', caseId: '2026112300001', expiresAt: later }, SECRET);
    assert.deepEqual(verifyLinkToken(reReview, SECRET, now), { ok: true, link: { purpose: 'reReview', caseId: '2026112300001', expiresAt: later } });
    assert.deepEqual(verifyLinkToken(reReview, SECRET, later), { ok: false, reason: 'expired' });
  });

  it('refuses altered, foreign and malformed tokens as invalid (never as expired)', () => {
    const token = signLinkToken({ purpose: 'reReview', caseId: '2026112300001', expiresAt: later }, SECRET);
    const [payload, signature] = token.split('.') as [string, string];
    const otherCase = Buffer.from(JSON.stringify({ p: 'r', c: '2026112300002', e: later.getTime() / 1000 })).toString('base64url');
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [`${otherCase}.${signature}`, `${payload}.${flipped}`, `${payload}.${signature.slice(0, 10)}`, `${payload}.`, payload, '', 'a.b.c', '%%%.%%%']) {
      assert.deepEqual(verifyLinkToken(bad, SECRET, now), { ok: false, reason: 'invalid' }, bad);
    }
    assert.deepEqual(verifyLinkToken(token, `${SECRET}x`, now), { ok: false, reason: 'invalid' });
    // A validly signed token with claims of the wrong shape is still refused.
    const expiredForeign = signLinkToken({ purpose: 'reReview', caseId: '2026112300001', expiresAt: now }, `${SECRET}x`);
    assert.deepEqual(verifyLinkToken(expiredForeign, SECRET, later), { ok: false, reason: 'invalid' }, 'a foreign expired token is invalid, not expired');
  });

  it('seals a secret so that only the same key opens it, and any change is detected', () => {
    const sealed = sealSecret('042917', SECRET);
    assert.ok(!sealed.includes('042917'));
    assert.notEqual(sealSecret('042917', SECRET), sealed, 'a fresh IV each time');
    assert.equal(unsealSecret(sealed, SECRET), '042917');
    assert.equal(unsealSecret(sealed, `${SECRET}x`), null);
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[14] = bytes[14]! ^ 1;
    assert.equal(unsealSecret(bytes.toString('base64url'), SECRET), null);
    assert.equal(unsealSecret('short', SECRET), null);
  });
});
