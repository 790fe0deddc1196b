// Small formatting rules shared by the auditor's screens.

/** Epoch milliseconds and ISO strings as local date-times; everything else as compact JSON. */
export const formatValue = (value: unknown, key = ''): string => {
  if (value === undefined) return '—';
  if (typeof value === 'number' && /At$/.test(key) && value > 1e12) return new Date(value).toLocaleString();
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
};

export const formatTime = (iso: string | number): string => new Date(iso).toLocaleString();

/** `EVENT_TYPE_WORKFLOW_EXECUTION_STARTED` → `WorkflowExecutionStarted`, as Temporal's UI names it. */
export const temporalEventName = (eventType: string): string =>
  eventType
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

/** `2026-11-23T10:00` (a datetime-local value, Beijing time) → ISO 8601 with its offset. China keeps no daylight saving time. */
export const beijingLocalToIso = (local: string): string => `${local.length === 16 ? `${local}:00` : local}+08:00`;
