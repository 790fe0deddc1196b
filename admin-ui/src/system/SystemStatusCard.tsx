import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import RefreshIcon from '@mui/icons-material/Refresh';
import {
  Alert,
  AlertTitle,
  Box,
  Card,
  CardContent,
  CardHeader,
  Chip,
  IconButton,
  LinearProgress,
  Skeleton,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import { Fragment } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import type { HealthCheck, HealthReport } from '../providers/dataProvider';
import { calendarWarningText } from './calendarWarningText';
import { useHealth } from './useHealth';

/** Checks shown first, in this order; any other check the backend adds follows. */
const KNOWN_CHECKS = ['postgres', 'temporal', 'calendar'] as const;

const orderedChecks = (checks: HealthReport['checks']): [string, HealthCheck][] => {
  const names = [
    ...KNOWN_CHECKS.filter((name) => name in checks),
    ...Object.keys(checks).filter((name) => !(KNOWN_CHECKS as readonly string[]).includes(name)),
  ];
  return names.flatMap((name) => {
    const check = checks[name];
    return check === undefined ? [] : [[name, check] as [string, HealthCheck]];
  });
};

const CheckChip = ({ ok }: { ok: boolean }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={ok ? 'success' : 'error'}
      icon={ok ? <CheckCircleIcon /> : <ErrorIcon />}
      label={translate(ok ? 'hotline.health.ok' : 'hotline.health.failed')}
    />
  );
};

const CheckDetails = ({ check }: { check: HealthCheck }) => {
  const translate = useTranslate();
  const details: string[] = [];
  if (check.latencyMs !== undefined) {
    details.push(translate('hotline.health.latency', { ms: check.latencyMs }));
  }
  if (check.namespace !== undefined) {
    details.push(translate('hotline.health.namespace', { namespace: check.namespace }));
  }
  if ('coveredThrough' in check) {
    details.push(
      check.coveredThrough
        ? translate('hotline.health.coveredThrough', { year: check.coveredThrough })
        : translate('hotline.health.notCovered'),
    );
  }
  return (
    <Box>
      {details.length > 0 && (
        <Typography variant="body2" color="text.secondary">
          {details.join(' · ')}
        </Typography>
      )}
      {check.error !== undefined && (
        <Typography variant="body2" color="error" sx={{ wordBreak: 'break-word' }}>
          {check.error}
        </Typography>
      )}
    </Box>
  );
};

const HealthDetails = ({ report }: { report: HealthReport }) => {
  const translate = useTranslate();
  const calendarWarning = report.checks.calendar?.warning;
  return (
    <Stack spacing={2}>
      {calendarWarning !== undefined && (
        <Alert severity="warning" variant="filled">
          <AlertTitle>{translate('hotline.health.calendarWarning')}</AlertTitle>
          {calendarWarningText(translate, calendarWarning)}
        </Alert>
      )}
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: 'max-content max-content 1fr',
          columnGap: 2,
          rowGap: 1.5,
          alignItems: 'center',
        }}
      >
        {orderedChecks(report.checks).map(([name, check]) => (
          <Fragment key={name}>
            <Typography variant="body1">
              {translate(`hotline.health.checks.${name}`, { _: name })}
            </Typography>
            <CheckChip ok={check.ok} />
            <CheckDetails check={check} />
          </Fragment>
        ))}
      </Box>
    </Stack>
  );
};

/** Status of the backend and its dependencies, from `GET /healthz`. */
export const SystemStatusCard = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data, error, isPending, isFetching, refetch, dataUpdatedAt } = useHealth();

  const subheader =
    data === undefined
      ? undefined
      : [
          translate('hotline.health.version', { version: data.version }),
          translate('hotline.health.updatedAt', {
            time: new Date(dataUpdatedAt).toLocaleTimeString(locale),
          }),
        ].join(' · ');

  return (
    <Card>
      <CardHeader
        avatar={<MonitorHeartIcon color="action" />}
        title={translate('hotline.health.title')}
        subheader={subheader}
        action={
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            {data !== undefined && (
              <Chip
                color={data.status === 'ok' ? 'success' : 'error'}
                label={translate(`hotline.health.status.${data.status}`)}
              />
            )}
            <Tooltip title={translate('hotline.health.refresh')}>
              <span>
                <IconButton
                  aria-label={translate('hotline.health.refresh')}
                  disabled={isFetching}
                  onClick={() => void refetch()}
                >
                  <RefreshIcon />
                </IconButton>
              </span>
            </Tooltip>
          </Stack>
        }
      />
      <Box sx={{ height: 4 }}>{isFetching && <LinearProgress />}</Box>
      <CardContent>
        <Stack spacing={2}>
          {error !== null && (
            <Alert severity="error">
              <AlertTitle>{translate('hotline.health.loadError')}</AlertTitle>
              {translate(error.message, { _: error.message })}
            </Alert>
          )}
          {data !== undefined && <HealthDetails report={data} />}
          {isPending && <Skeleton variant="rounded" height={96} />}
        </Stack>
      </CardContent>
    </Card>
  );
};
