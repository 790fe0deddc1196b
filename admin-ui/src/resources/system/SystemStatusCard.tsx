import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import WarningIcon from '@mui/icons-material/Warning';
import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import RefreshIcon from '@mui/icons-material/Refresh';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
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
import { Link } from 'react-router-dom';
import type { HealthCheck, HealthReport } from '../../shell/providers/dataProvider';
import { calendarWarningText } from './calendarWarningText';
import { ADVISORY_CHECKS, healthLevel, type HealthLevel } from './healthLevel';
import { useHealth } from './useHealth';
import { useStuckCasesText } from './useStuckCasesText';

/** The checks in the order shown (every check the report has: the record makes the compiler name a new one here). */
const CHECK_ORDER = Object.keys({ postgres: true, temporal: true, calendar: true, stuckCases: true } satisfies Record<keyof HealthReport['checks'], true>) as (keyof HealthReport['checks'])[];

const LEVEL_COLOR: Record<HealthLevel, 'success' | 'warning' | 'error'> = { ok: 'success', attention: 'warning', degraded: 'error' };

// A report from an API of another version may lack a check: it is not shown.
const orderedChecks = (checks: HealthReport['checks']): [string, HealthCheck][] =>
  CHECK_ORDER.flatMap((name) => (checks[name] === undefined ? [] : [[name, checks[name]] as [string, HealthCheck]]));

/** A failing advisory check needs attention; any other failing check is a failure. */
const CheckChip = ({ ok, advisory }: { ok: boolean; advisory: boolean }) => {
  const translate = useTranslate();
  if (ok) return <Chip size="small" color="success" icon={<CheckCircleIcon />} label={translate('hotline.health.ok')} />;
  return advisory ? (
    <Chip size="small" color="warning" icon={<WarningIcon />} label={translate('hotline.health.attention')} />
  ) : (
    <Chip size="small" color="error" icon={<ErrorIcon />} label={translate('hotline.health.failed')} />
  );
};

/** The stuckCases check: how many, the oldest, and the way to the list. */
const StuckCasesDetails = ({ check }: { check: HealthCheck }) => {
  const translate = useTranslate();
  const text = useStuckCasesText()(check);
  if (text === undefined) return null;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <Typography variant="body2" color={check.ok ? 'text.secondary' : 'warning.main'} data-testid="health-stuck-cases">
        {text}
      </Typography>
      {!check.ok && (
        <Button size="small" component={Link} to="/stuck-cases">
          {translate('hotline.stuckCases.open')}
        </Button>
      )}
    </Stack>
  );
};

const CheckDetails = ({ name, check }: { name: string; check: HealthCheck }) => {
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
      {name === 'stuckCases' && <StuckCasesDetails check={check} />}
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
            <CheckChip ok={check.ok} advisory={ADVISORY_CHECKS.includes(name)} />
            <CheckDetails name={name} check={check} />
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
                color={LEVEL_COLOR[healthLevel(data)]}
                label={translate(`hotline.health.status.${healthLevel(data)}`)}
                data-testid="health-status"
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
