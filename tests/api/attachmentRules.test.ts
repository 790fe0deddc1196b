// The plain functions behind the attachment routes: ranges, file names, types, removal.
import assert from 'node:assert/strict';
import { parseRange } from '../../api/attachments/byteRange';
import { contentDisposition } from '../../api/attachments/contentDisposition';
import { acceptedContentType, defaultKind, kindFits, showsInline } from '../../api/attachments/contentTypes';
import { cleanFileName } from '../../api/attachments/fileName';
import { removalRefusal, type RemovalFacts } from '../../api/attachments/removal';

describe('attachment rules', () => {
  it('reads one byte range and ignores what it cannot serve as one', () => {
    assert.deepEqual(parseRange(undefined, 100), { kind: 'whole' });
    assert.deepEqual(parseRange('bytes=0-9', 100), { kind: 'partial', range: { start: 0, end: 9 } });
    assert.deepEqual(parseRange('bytes=90-', 100), { kind: 'partial', range: { start: 90, end: 99 } });
    assert.deepEqual(parseRange('bytes=90-500', 100), { kind: 'partial', range: { start: 90, end: 99 } }, 'an end past the file is clamped');
    assert.deepEqual(parseRange('bytes=-10', 100), { kind: 'partial', range: { start: 90, end: 99 } });
    assert.deepEqual(parseRange('bytes=-500', 100), { kind: 'partial', range: { start: 0, end: 99 } });
    assert.deepEqual(parseRange('bytes=100-', 100), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=-0', 100), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=0-', 0), { kind: 'unsatisfiable' });
    for (const ignored of ['bytes=0-1,5-6', 'bytes=9-3', 'items=0-1', 'bytes=-', 'bytes=a-b']) assert.deepEqual(parseRange(ignored, 100), { kind: 'whole' }, ignored);
  });

  it('names files in Content-Disposition so that Chinese names survive (RFC 6266 / 8187)', () => {
    assert.equal(contentDisposition('report.pdf'), 'attachment; filename="report.pdf"');
    assert.equal(contentDisposition('现场照片.jpg', 'inline'), `inline; filename="____.jpg"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87.jpg`);
    assert.equal(contentDisposition('a "quoted" name;.pdf'), `attachment; filename="a _quoted_ name;.pdf"; filename*=UTF-8''a%20%22quoted%22%20name%3B.pdf`);
    assert.equal(contentDisposition('录音'), `attachment; filename="__"; filename*=UTF-8''%E5%BD%95%E9%9F%B3`);
  });

  it('keeps only the last segment of an uploaded file name, as one line of clean text', () => {
    assert.equal(cleanFileName('C:\\Users\\张三\\照片.jpg'), '照片.jpg');
    assert.equal(cleanFileName('../../etc/passwd'), 'passwd');
    assert.equal(cleanFileName('a\u0000b\r\n.pdf'), 'ab .pdf', 'a line break becomes a space, as in any single line of text');
    assert.equal(cleanFileName('invoice\u202efdp.exe'), 'invoicefdp.exe', 'no right-to-left override disguises the extension');
    assert.equal(cleanFileName('x\ud800.jpg'), 'x\ufffd.jpg');
    assert.equal(cleanFileName(undefined), 'attachment');
    assert.equal(cleanFileName('..'), 'attachment');
    assert.equal([...cleanFileName('长'.repeat(300))].length, 200);
  });

  it('accepts photos, audio, PDF and Office files by their detected type, and fits kinds to types', () => {
    assert.equal(acceptedContentType('image/jpeg', 'x.png'), 'image/jpeg');
    assert.equal(acceptedContentType('audio/wav', 'call'), 'audio/wav');
    assert.equal(acceptedContentType('application/x-msdownload', 'photo.jpg'), null);
    assert.equal(acceptedContentType('application/zip', 'docs.docx'), null, 'a zip that file-type did not recognise as Office');
    assert.equal(acceptedContentType(undefined, 'notes.txt'), null);
    assert.equal(acceptedContentType('application/x-cfb', '旧版公文.DOC'), 'application/msword');
    assert.equal(acceptedContentType('application/x-cfb', 'setup.msi'), null, 'the same container holds installers');
    assert.deepEqual(['image/png', 'audio/mpeg', 'application/pdf'].map(defaultKind), ['photo', 'recording', 'document']);
    assert.ok(kindFits('photo', 'image/png') && !kindFits('photo', 'application/pdf'));
    assert.ok(kindFits('recording', 'audio/wav') && !kindFits('recording', 'image/png'));
    assert.ok(kindFits('other', 'audio/wav') && !kindFits('other', 'application/x-msdownload'));
    assert.ok(showsInline('image/jpeg') && showsInline('application/pdf') && !showsInline('application/msword'));
  });

  it('lets the uploader take a file back only while it is not yet evidence', () => {
    const uploadedAt = new Date('2026-11-23T02:00:00Z');
    const facts: RemovalFacts = { userId: 'u1', uploadedById: 'u1', uploadedAt, resultSubmittedAt: null, citedByResult: false };
    assert.equal(removalRefusal(facts), null);
    assert.equal(removalRefusal({ ...facts, userId: 'u2' })?.status, 403);
    assert.equal(removalRefusal({ ...facts, uploadedById: null })?.status, 403, 'system recordings have no uploader');
    assert.equal(removalRefusal({ ...facts, citedByResult: true })?.status, 409);
    assert.equal(removalRefusal({ ...facts, resultSubmittedAt: new Date('2026-11-23T03:00:00Z') })?.status, 409);
    assert.equal(removalRefusal({ ...facts, resultSubmittedAt: new Date('2026-11-23T01:00:00Z') }), null, 'added after the result (a rehandle round)');
  });
});
