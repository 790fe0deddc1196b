import DownloadIcon from '@mui/icons-material/Download';
import { Button, Stack } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { HotlineDataProvider } from '../../shell/providers/dataProvider';
import { saveBlob } from '../../shell/common/download';
import type { ExportFormat } from './paths';

export interface ExportButtonsProps {
  /** The API path of the file in each format. */
  pathOf: (format: ExportFormat) => string;
  /** The download's name without its extension. */
  fileName: string;
}

/** CSV and XLSX downloads of a statistics table (the API's `?format=`). */
export const ExportButtons = ({ pathOf, fileName }: ExportButtonsProps) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const [busy, setBusy] = useState<ExportFormat | null>(null);

  const download = async (format: ExportFormat) => {
    setBusy(format);
    try {
      saveBlob(await dataProvider.getBlob(pathOf(format)), `${fileName}.${format}`);
    } catch (error) {
      notify(translate('hotline.statistics.indicators.exportError', { message: error instanceof Error ? error.message : String(error) }), { type: 'error' });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack direction="row" spacing={1}>
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button key={format} size="small" startIcon={<DownloadIcon />} disabled={busy !== null} onClick={() => void download(format)} data-testid={`export-${format}`}>
          {translate(format === 'csv' ? 'hotline.statistics.indicators.exportCsv' : 'hotline.statistics.indicators.exportXlsx')}
        </Button>
      ))}
    </Stack>
  );
};
