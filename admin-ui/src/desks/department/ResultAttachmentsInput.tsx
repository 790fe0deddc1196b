// The files a result cites: uploaded to the case at once (POST /api/cases/:id/attachments, the
// type is judged by the bytes on the server), listed with "remove" (DELETE /api/attachments/:id)
// until the result is sent. The form keeps only their ids (`attachmentIds`, as the command
// takes them), so the API's errors on `attachmentIds.N` land on the file they are about.
import AttachFileIcon from '@mui/icons-material/AttachFile';
import DeleteIcon from '@mui/icons-material/Delete';
import { Alert, Box, Button, FormHelperText, IconButton, LinearProgress, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useRef, useState, type ChangeEvent } from 'react';
import { HttpError, useDataProvider, useTranslate } from 'react-admin';
import { get, useController, useFormState } from 'react-hook-form';
import type { HotlineDataProvider } from '../../shell/providers/dataProvider';

/** What the attachment routes answer for a stored file (api/attachments/schemas.ts). */
interface AttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

/** `submitResult.attachmentIds` takes at most 20. */
const MAX_CITED = 20;

/** The types the API accepts (api/attachments/contentTypes.ts), for the file chooser. */
const ACCEPT = 'image/*,audio/*,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.amr,.m4a';

const sizeText = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

export const ResultAttachmentsInput = ({ caseId }: { caseId: string }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const { field } = useController<{ attachmentIds: string[] }, 'attachmentIds'>({ name: 'attachmentIds', defaultValue: [] });
  const { errors } = useFormState();
  const [views, setViews] = useState<Record<string, AttachmentView>>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const chooser = useRef<HTMLInputElement>(null);
  const ids = field.value;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(error instanceof HttpError || error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const upload = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    event.target.value = '';
    if (files.length === 0) return;
    if (ids.length + files.length > MAX_CITED) {
      setProblem(translate('hotline.department.attachments.tooMany'));
      return;
    }
    void run(async () => {
      const stored = await dataProvider.uploadFiles<AttachmentView[]>(`/api/cases/${encodeURIComponent(caseId)}/attachments`, files);
      setViews((known) => ({ ...known, ...Object.fromEntries(stored.map((view) => [view.id, view])) }));
      field.onChange([...ids, ...stored.map((view) => view.id)]);
    });
  };

  const remove = (id: string) =>
    run(async () => {
      try {
        await dataProvider.sendJson(`/api/attachments/${encodeURIComponent(id)}`, {}, 'DELETE');
      } catch (error) {
        // Already gone (removed elsewhere): it only has to leave the list.
        if (!(error instanceof HttpError && error.status === 404)) throw error;
      }
      field.onChange(ids.filter((kept) => kept !== id));
    });

  return (
    <Box sx={{ mt: 1 }} data-testid="result-attachments">
      <Typography variant="body2" color="text.secondary">{translate('hotline.department.fields.attachments')}</Typography>
      {ids.length === 0 ? (
        <Typography variant="body2" sx={{ my: 0.5 }}>{translate('hotline.department.attachments.none')}</Typography>
      ) : (
        <List dense disablePadding>
          {ids.map((id, index) => {
            const view = views[id];
            const error: unknown = get(errors, `attachmentIds.${index}.message`);
            return (
              <ListItem
                key={id}
                disableGutters
                data-testid="result-attachment"
                secondaryAction={
                  <IconButton edge="end" aria-label={`${translate('hotline.department.attachments.remove')} ${view?.fileName ?? id}`} onClick={() => void remove(id)} disabled={busy}>
                    <DeleteIcon />
                  </IconButton>
                }
              >
                <ListItemText
                  primary={view?.fileName ?? id}
                  secondary={
                    <>
                      {view && sizeText(view.sizeBytes)}
                      {typeof error === 'string' && <FormHelperText error component="span" sx={{ display: 'block' }}>{translate(error, { _: error })}</FormHelperText>}
                    </>
                  }
                />
              </ListItem>
            );
          })}
        </List>
      )}
      {busy && <LinearProgress aria-label={translate('hotline.department.attachments.uploading')} sx={{ my: 1 }} />}
      {problem !== null && <Alert severity="error" sx={{ my: 1 }} data-testid="attachment-problem">{problem}</Alert>}
      <input ref={chooser} type="file" multiple accept={ACCEPT} hidden onChange={upload} data-testid="attachment-file-input" />
      <Button size="small" startIcon={<AttachFileIcon />} onClick={() => chooser.current?.click()} disabled={busy || ids.length >= MAX_CITED}>
        {translate('hotline.department.attachments.add')}
      </Button>
      <FormHelperText>{translate('hotline.department.attachments.allowed')}</FormHelperText>
    </Box>
  );
};
