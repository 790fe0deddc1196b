// The failure converter of the worker (workflow bundle and activities) and of every client:
// a failure's message and stack trace travel as an encoded payload (`encodedAttributes`), so the
// payload codec (lib/payloadCodec.ts) encrypts them too; Temporal's history shows "Encoded
// failure". Loaded by path (DataConverter.failureConverterPath): it runs inside the workflow
// sandbox, so it imports nothing but @temporalio/common.
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
