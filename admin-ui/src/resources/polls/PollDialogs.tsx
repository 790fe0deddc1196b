// The poll screen's dialogs: a new poll (title, numbers, questions with their keypad choices,
// optional calling hours and attempts), a command with an optional reason, and the results.
// The API's field errors are shown on the fields, its other refusals (409) above them.
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { ArrayInput, Form, maxLength, minValue, NumberInput, required, ResourceContextProvider, SimpleFormIterator, TextInput, useDataProvider, useRefresh, useTranslate } from 'react-admin';
import { requiredText } from '../../shell/forms/fieldRules';
import type { FieldValues } from 'react-hook-form';
import type { HotlineDataProvider } from '../../shell/providers/dataProvider';
import { apiRefusalOf, refusalText, type RefusalText } from '../../shell/providers/apiRefusal';
import { useApiSubmit } from '../../shell/forms/useApiSubmit';
import { RefusalAlert } from '../../shell/forms/RefusalAlert';
import type { Poll, PollCommand, PollResultsAnswer } from './types';

const PATH = '/api/polls';

/** A dialog's request sent; on success the polls are refreshed and the dialog closed. */
function usePollSubmit(onClose: () => void, request: (values: FieldValues) => { path: string; body: unknown }, formField?: (apiField: string) => string) {
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const refresh = useRefresh();
  const perform = (values: FieldValues) => {
    const { path, body } = request(values);
    return dataProvider.sendJson(path, body);
  };
  const done = () => {
    refresh();
    onClose();
  };
  return useApiSubmit(perform, done, formField);
}

function creationBody(values: FieldValues): unknown {
  const numbers = String(values.numbers ?? '').split(/[\s,，;；]+/).filter(Boolean);
  const questions = ((values.questions ?? []) as { prompt?: string; choices?: { key?: string | number; label?: string }[] }[]).map((q) => ({
    prompt: q.prompt ?? '',
    choices: (q.choices ?? []).map((c) => ({ key: String(c.key ?? ''), label: c.label ?? '' })),
  }));
  return {
    title: values.title,
    questions,
    targets: { numbers },
    ...(values.callingStart || values.callingEnd ? { callingHours: { start: values.callingStart, end: values.callingEnd } } : {}),
    ...(values.maxAttempts ? { maxAttempts: values.maxAttempts } : {}),
  };
}

/** The API's `targets.numbers.3` is the numbers box; `callingHours.end` its own field. */
const creationField = (field: string) => {
  if (field.startsWith('targets')) return 'numbers';
  if (field.startsWith('callingHours')) return field.endsWith('start') ? 'callingStart' : 'callingEnd';
  return field;
};

const DEFAULT_QUESTION = { prompt: '', choices: [{ key: '1', label: '' }, { key: '2', label: '' }] };

export const NewPollDialog = ({ onClose }: { onClose: () => void }) => {
  const translate = useTranslate();
  const { refusal, submit } = usePollSubmit(onClose, (values) => ({ path: PATH, body: creationBody(values) }), creationField);
  const f = (key: string) => `hotline.polls.fields.${key}`;
  return (
    // The form iterators name their rows after a resource.
    <ResourceContextProvider value="polls">
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="poll-dialog-title">
      <Form onSubmit={submit} noValidate id="poll-dialog-form" defaultValues={{ questions: [DEFAULT_QUESTION] }}>
        <DialogTitle id="poll-dialog-title">{translate('hotline.polls.create')}</DialogTitle>
        <DialogContent>
          <RefusalAlert refusal={refusal} />
          <TextInput source="title" label={f('title')} validate={requiredText(60)} autoFocus fullWidth />
          <TextInput source="numbers" label={f('numbers')} validate={[required()]} multiline minRows={3} fullWidth />
          <ArrayInput source="questions" label={f('questions')}>
            <SimpleFormIterator inline={false} disableReordering>
              <TextInput source="prompt" label={f('prompt')} validate={requiredText(300)} multiline fullWidth />
              <ArrayInput source="choices" label={f('choices')}>
                <SimpleFormIterator inline disableReordering>
                  <TextInput source="key" label={f('key')} validate={requiredText(1)} sx={{ width: 80 }} />
                  <TextInput source="label" label={f('label')} validate={requiredText(40)} />
                </SimpleFormIterator>
              </ArrayInput>
            </SimpleFormIterator>
          </ArrayInput>
          <TextInput source="callingStart" label={f('callingStart')} helperText="hotline.polls.hints.callingHours" sx={{ mr: 2 }} />
          <TextInput source="callingEnd" label={f('callingEnd')} helperText="hotline.polls.hints.callingHours" />
          <NumberInput source="maxAttempts" label={f('maxAttempts')} helperText="hotline.polls.hints.maxAttempts" validate={[minValue(1)]} fullWidth />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('hotline.polls.close')}</Button>
          <Button type="submit" variant="contained" data-testid="poll-dialog-submit">{translate('hotline.polls.create')}</Button>
        </DialogActions>
      </Form>
    </Dialog>
    </ResourceContextProvider>
  );
};

export const PollCommandDialog = ({ poll, command, onClose }: { poll: Poll; command: PollCommand; onClose: () => void }) => {
  const translate = useTranslate();
  const { refusal, submit } = usePollSubmit(onClose, (values) => ({ path: `${PATH}/${poll.id}/${command}`, body: values.reason ? { reason: values.reason } : {} }));
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="poll-command-title">
      <Form onSubmit={submit} noValidate id="poll-command-form">
        <DialogTitle id="poll-command-title">{`${translate(`hotline.polls.commands.${command}`)} ${poll.title}`}</DialogTitle>
        <DialogContent>
          <RefusalAlert refusal={refusal} />
          <TextInput source="reason" label="hotline.polls.reason" validate={[maxLength(500)]} autoFocus fullWidth />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('hotline.polls.close')}</Button>
          <Button type="submit" variant="contained" color={command === 'cancel' ? 'warning' : 'primary'} data-testid="poll-command-submit">{translate(`hotline.polls.commands.${command}`)}</Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
};

const COUNTS = ['total', 'answered', 'refused', 'unanswered', 'skipped', 'pending', 'calling', 'cancelled'] as const;

export const PollResultsDialog = ({ poll, onClose }: { poll: Poll; onClose: () => void }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const [results, setResults] = useState<PollResultsAnswer | null>(null);
  const [failure, setFailure] = useState<RefusalText | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    dataProvider.getJson<PollResultsAnswer>(`${PATH}/${poll.id}/results`, { signal: controller.signal }).then(setResults, (error: unknown) => {
      if (!controller.signal.aborted) setFailure(refusalText(translate, apiRefusalOf(error)));
    });
    return () => controller.abort();
  }, [dataProvider, poll.id, translate]);
  const t = (key: string) => translate(`hotline.polls.${key}`);
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="poll-results-title">
      <DialogTitle id="poll-results-title">{`${t('results')}：${poll.title}`}</DialogTitle>
      <DialogContent data-testid="poll-results">
        <RefusalAlert refusal={failure} />
        {results && (
          <>
            <Table size="small" sx={{ mb: 2 }}>
              <TableBody>
                <TableRow>
                  {COUNTS.map((c) => <TableCell key={c} data-testid={`poll-count-${c}`}>{`${t(`counts.${c}`)}：${results.numbers[c]}`}</TableCell>)}
                </TableRow>
              </TableBody>
            </Table>
            {results.questions.map((question, index) => (
              <div key={index} data-testid="poll-question-result">
                <Typography variant="subtitle2" sx={{ mt: 2 }}>{`${index + 1}. ${question.prompt}（${t('answeredCount')}：${question.answered}）`}</Typography>
                <Table size="small">
                  <TableHead>
                    <TableRow>
                      <TableCell>{t('fields.key')}</TableCell>
                      <TableCell>{t('fields.label')}</TableCell>
                      <TableCell align="right">{t('answeredCount')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {question.choices.map((choice) => (
                      <TableRow key={choice.key}>
                        <TableCell>{choice.key}</TableCell>
                        <TableCell>{choice.label}</TableCell>
                        <TableCell align="right">{choice.count}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            ))}
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('close')}</Button>
      </DialogActions>
    </Dialog>
  );
};
