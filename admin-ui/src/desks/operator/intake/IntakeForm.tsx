// The intake desk: the form on the left, the caller's history and the knowledge base on the
// right. Ctrl+Enter registers; "answer directly" registers and answers from an article at once.
// On an error the API's field messages appear on their inputs and every typed value stays.
import { Alert, Box, Button, Card, CardContent, Grid, Stack, Typography } from '@mui/material';
import { type KeyboardEvent, useState } from 'react';
import { Form, useDataProvider, useTranslate } from 'react-admin';
import { type FieldValues, useFormContext, useFormState, useWatch } from 'react-hook-form';
import { useProjectionPendingNotice } from '../../../resources/cases/actions/useProjectionPendingNotice';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';
import { CallerHistoryPanel } from '../history/CallerHistoryPanel';
import { KnowledgePanel } from '../knowledge/KnowledgePanel';
import type { FirstOutcome } from '../registered/RegisteredSummary';
import type { KnowledgeArticle, RegisteredCase } from '../types';
import { IntakeInputs } from './IntakeInputs';
import type { IntakeValues } from './registration';
import { useRegisterCase, type RegisterCase } from './useRegisterCase';
import { useActionKeys } from '../../../shell/providers/actionKeys';

export interface IntakeFormProps {
  defaultValues: IntakeValues;
  onRegistered: (registered: RegisteredCase, outcome: FirstOutcome) => void;
}

/** Ctrl+Enter submits; a plain Enter in a one-line field does not (operators type while talking). */
const submitOnCtrlEnter = (event: KeyboardEvent<HTMLElement>) => {
  if (event.key !== 'Enter') return;
  const target = event.target as HTMLElement;
  if (event.ctrlKey || event.metaKey) {
    event.preventDefault();
    target.closest('form')?.requestSubmit();
  } else if (target.tagName === 'INPUT') {
    event.preventDefault();
  }
};

export const IntakeForm = ({ defaultValues, onRegistered }: IntakeFormProps) => {
  const register = useRegisterCase();
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (values: FieldValues) => {
    setFailure(null);
    const attempt = await register(values);
    if (attempt.ok) {
      onRegistered(attempt.registered, { kind: 'registered' });
      return undefined;
    }
    setFailure(attempt.message);
    return attempt.fields;
  };

  return (
    <Form defaultValues={defaultValues} onSubmit={submit} id="intake-form" noValidate>
      <Box onKeyDown={submitOnCtrlEnter}>
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 7 }}>
            <IntakeCard failure={failure} />
          </Grid>
          <Grid size={{ xs: 12, md: 5 }}>
            <SidePanels register={register} onRegistered={onRegistered} onFailure={setFailure} />
          </Grid>
        </Grid>
      </Box>
    </Form>
  );
};

const IntakeCard = ({ failure }: { failure: string | null }) => {
  const translate = useTranslate();
  const { isSubmitting } = useFormState();
  return (
    <Card>
      <CardContent>
        <Typography variant="h6" component="h1" sx={{ mb: 2 }}>{translate('hotline.operator.intake.title')}</Typography>
        {failure !== null && <Alert severity="error" role="alert" sx={{ mb: 2 }} data-testid="intake-failure">{failure}</Alert>}
        <IntakeInputs />
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Button type="submit" variant="contained" disabled={isSubmitting} data-testid="intake-submit">
            {translate('hotline.operator.intake.submit')}
          </Button>
          <Typography variant="caption" color="text.secondary">{translate('hotline.operator.intake.shortcut')}</Typography>
        </Stack>
      </CardContent>
    </Card>
  );
};

/** History and knowledge follow what is typed; "answer directly" registers as the form does (the same key for the same values). */
const SidePanels = ({ register, onRegistered, onFailure }: { register: RegisterCase; onRegistered: IntakeFormProps['onRegistered']; onFailure: (message: string | null) => void }) => {
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const answerKeys = useActionKeys();
  const noticePending = useProjectionPendingNotice();
  const { handleSubmit, setError } = useFormContext();
  const [phone, title, content] = useWatch({ name: ['citizenPhone', 'title', 'content'] }) as [string | null, string | null, string | null];
  const [busy, setBusy] = useState(false);

  const answerDirectly = (article: KnowledgeArticle, answer: string) =>
    void handleSubmit(async (values) => {
      setBusy(true);
      onFailure(null);
      try {
        const attempt = await register(values);
        if (!attempt.ok) {
          onFailure(attempt.message);
          Object.entries(attempt.fields).forEach(([field, message]) => setError(field, { type: 'server', message }));
          return;
        }
        try {
          const body = { answer, articleId: article.id };
          noticePending(await dataProvider.runCommand(attempt.registered.caseId, 'answerDirectly', body, { idempotencyKey: answerKeys.keyFor({ caseId: attempt.registered.caseId, ...body }) }), 'hotline.operator.knowledge.answerDirectly');
          answerKeys.done();
          onRegistered(attempt.registered, { kind: 'answered' });
        } catch (error) {
          onRegistered(attempt.registered, { kind: 'answerFailed', message: error instanceof Error ? error.message : String(error) });
        }
      } finally {
        setBusy(false);
      }
    })();

  return (
    <Stack spacing={2}>
      <CallerHistoryPanel phone={phone} />
      <KnowledgePanel title={title ?? ''} content={content ?? ''} onAnswer={answerDirectly} busy={busy} />
    </Stack>
  );
};
