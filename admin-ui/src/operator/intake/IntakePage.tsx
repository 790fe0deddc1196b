// /intake[?phone=…&channel=…]: register a case (pre-filled from a ringing or missed call),
// then read its number and password to the caller and merge it if it duplicates an open case.
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { CHANNELS } from '../../cases/vocabulary';
import { RegisteredSummary, type FirstOutcome } from '../registered/RegisteredSummary';
import type { RegisteredCase } from '../types';
import { IntakeForm } from './IntakeForm';
import { intakeDefaults } from './registration';

const channelOf = (value: string | null) => (CHANNELS as readonly string[]).includes(value ?? '') ? value : null;

export const IntakePage = () => {
  const translate = useTranslate();
  const [params, setParams] = useSearchParams();
  const [done, setDone] = useState<{ registered: RegisteredCase; outcome: FirstOutcome } | null>(null);
  const prefill = { phone: params.get('phone'), channel: channelOf(params.get('channel')) };
  // A new pre-fill (another call) starts a fresh form.
  const formKey = `${prefill.phone ?? ''}|${prefill.channel ?? ''}`;

  const next = () => {
    setDone(null);
    setParams({});
  };

  return (
    <>
      <Title title={translate('hotline.operator.intake.title')} />
      {done === null ? (
        <IntakeForm key={formKey} defaultValues={intakeDefaults(prefill)} onRegistered={(registered, outcome) => setDone({ registered, outcome })} />
      ) : (
        <RegisteredSummary registered={done.registered} outcome={done.outcome} onNext={next} />
      )}
    </>
  );
};
