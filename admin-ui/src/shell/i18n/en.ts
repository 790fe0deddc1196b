// English messages of the app itself; same keys as zh.ts.
import type { AppMessages } from './zh';

export const en: AppMessages = {
  hotline: {
    app: {
      title: '12345 Government Service Hotline',
    },
    roles: {
      operator: 'Operator',
      dispatcher: 'Dispatcher',
      unitHandler: 'Unit handler',
      unitLeader: 'Unit leader',
      supervisor: 'Supervisor',
      auditor: 'Auditor',
      admin: 'Administrator',
    },
    auth: {
      invalidCredentials: 'Wrong username or password',
      sessionExpired: 'Your session has expired, please sign in again',
      unexpectedResponse: 'The sign-in service returned an unexpected response',
    },
    dashboard: {
      title: 'Home',
      greeting: 'Hello, %{name}',
      roles: 'Roles',
      unit: 'Unit',
      noRoles: 'No role assigned',
      noUnit: 'No unit assigned',
    },
    health: {
      title: 'System status',
      refresh: 'Refresh',
      loadError: 'Could not get the system status',
      unexpectedResponse: 'The health check returned an unexpected response',
      version: 'Version %{version}',
      updatedAt: 'Updated at %{time}',
      status: {
        ok: 'All systems operational',
        attention: 'Operational, needs attention',
        degraded: 'Degraded',
      },
      ok: 'OK',
      failed: 'Failing',
      attention: 'Needs attention',
      checks: {
        postgres: 'Database (PostgreSQL)',
        temporal: 'Workflow engine (Temporal)',
        calendar: 'Working-day calendar',
        stuckCases: 'Stuck cases',
      },
      warnings: {
        calendarMissingYear: 'The working-day calendar does not cover %{year}: deadlines cannot be computed. Import %{year}.',
        calendarEndsThisYear: 'The working-day calendar ends this year: deadlines past it cannot be computed until %{year} is imported or entered.',
        calendarGap: 'The working-day calendar has a gap: %{years} missing. Those days count Monday to Friday for now and deadlines through them are provisional. Remove the stray year in the calendar, or fill the gap.',
        casesStuck: '%{count} write step(s) failed and wait for a retry; the oldest: %{subject} (%{step}) since %{since}',
      },
      latency: '%{ms} ms',
      namespace: 'Namespace %{namespace}',
      coveredThrough: 'Covers through %{year}',
      notCovered: 'No year loaded yet',
      noneStuck: 'No stuck cases',
      calendarWarning: 'Working-day calendar coverage',
      yearSeparator: ', ',
    },
  },
};
