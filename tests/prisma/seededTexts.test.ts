// Every seeded message template is text an admin could save unchanged: the template editor's own
// schema (api/templates/schemas.ts) is the identity on it. A seed that relies on what the editor
// would trim (a separating space at the end of the English choice) is silently changed by the
// first save of the same text, and the IVR then runs its choices together.
import assert from 'node:assert/strict';
import { templateUpdateBody } from '../../api/templates/schemas';
import { spokenSeries } from '../../api/twilio/voice/knowledge';
import { MESSAGE_TEMPLATES } from '../../prisma/seed/rules';

describe('seeded texts', () => {
  it('has every message template as the template editor would store it', () => {
    const changed = MESSAGE_TEMPLATES.flatMap(({ code, body, bodyEn, description }) => {
      const texts = { body, bodyEn: bodyEn ?? null, description };
      const saved = templateUpdateBody.safeParse(texts);
      if (!saved.success) return [`${code}: refused (${saved.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')})`];
      return JSON.stringify(saved.data) === JSON.stringify(texts) ? [] : [`${code}: ${JSON.stringify(texts)} is saved as ${JSON.stringify(saved.data)}`];
    });
    assert.deepEqual(changed, []);
  });

  it('says the knowledge choices apart in English and runs them on in Chinese', () => {
    assert.equal(spokenSeries(['Press 1 for: A;', 'Press 2 for: B;']), 'Press 1 for: A; Press 2 for: B;');
    assert.equal(spokenSeries(['按1收听甲；', '按2收听乙；']), '按1收听甲；按2收听乙；');
    // A template saved before the trimming kept its own trailing space: no second one.
    assert.equal(spokenSeries(['Press 1 for: A; ', 'Press 2 for: B; ']), 'Press 1 for: A; Press 2 for: B; ');
  });
});
