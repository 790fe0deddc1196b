import assert from 'node:assert/strict';
import { dialableNumber, phoneForms } from '../../lib/phoneNumbers';

describe('citizens’ phone numbers', () => {
  it('dials E.164 whatever form intake kept', () => {
    assert.equal(dialableNumber('13912345678'), '+8613912345678');
    assert.equal(dialableNumber('+86 139-1234-5678'), '+8613912345678');
    assert.equal(dialableNumber('0086 13912345678'), '+8613912345678');
    assert.equal(dialableNumber('0531-8888 1234'), '+8653188881234');
    assert.equal(dialableNumber('+14155550100'), '+14155550100');
  });

  it('finds a number in every form a case may have kept it', () => {
    assert.deepEqual(new Set(phoneForms('+8613912345678')), new Set(['+8613912345678', '13912345678', '8613912345678']));
    assert.deepEqual(new Set(phoneForms('13912345678')), new Set(['13912345678', '+8613912345678', '8613912345678']));
    assert.deepEqual(new Set(phoneForms('+8653188881234')), new Set(['+8653188881234', '053188881234', '8653188881234']));
    assert.deepEqual(phoneForms('+14155550100'), ['+14155550100']);
    assert.deepEqual(phoneForms('not a number'), []);
  });
});
