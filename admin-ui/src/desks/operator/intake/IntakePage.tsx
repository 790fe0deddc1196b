// /intake[?phone=…&channel=…&call=…]: register a case (pre-filled from a ringing or missed call,
// and filed with that call), then read its number and password to the caller and merge it if it duplicates an open case.
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { CHANNELS } from '../../../resources/cases/vocabulary';
import { RegisteredSummary, type FirstOutcome } from '../registered/RegisteredSummary';
import type { RegisteredCase } from '../types';
import { IntakeForm } from './IntakeForm';
import { intakeDefaults } from './registration';
import { useFileCall } from './useFileCall';

const channelOf = (value: string | null) => (CHANNELS as readonly string[]).includes(value ?? '') ? value : null;

export const IntakePage = () => {
  const translate = useTranslate();
  const [params, setParams] = useSearchParams();
  const [done, setDone] = useState<{ registered: RegisteredCase; outcome: FirstOutcome } | null>(null);
  const fileCall = useFileCall();
  const prefill = { phone: params.get('phone'), channel: channelOf(params.get('channel')) };
  const callId = params.get('call');
  // A new pre-fill (another call) starts a fresh form.
  const formKey = `${prefill.phone ?? ''}|${prefill.channel ?? ''}|${params.get('call') ?? ''}`;

  const next = () => {
    setDone(null);
    setParams({});
  };

  return (
    <>
      <Title title={translate('hotline.operator.intake.title')} />
      {done === null ? (
        <IntakeForm key={formKey} defaultValues={intakeDefaults(prefill)} onRegistered={(registered, outcome) => {
            setDone({ registered, outcome });
            if (callId) void fileCall(callId, registered.caseId);
          }} />
      ) : (
        <RegisteredSummary registered={done.registered} outcome={done.outcome} onNext={next} />
      )}
    </>
  );
};
