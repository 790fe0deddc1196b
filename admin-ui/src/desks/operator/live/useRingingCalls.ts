// The calls ringing on the operators' screens, from the live feed (GET /api/telephony/live).
// EventSource cannot send the bearer token, so the stream is read with fetch. On every
// (re)connection the calls already waiting are read again, since notices sent while the
// connection was down are lost; a dropped connection is retried with growing pauses.
import { useEffect, useState } from 'react';
import { useDataProvider } from 'react-admin';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';
import { freshAccessToken } from '../../../shell/providers/freshSession';
import { CALLS_RESOURCE } from '../calls/useMissedCalls';
import type { CallRow, EarlierCase, LiveCallEvent } from '../types';
import { sseFrames } from './sseFrames';

export interface RingingCall {
  callId: string;
  fromNumber: string;
  /** From the feed; absent for calls read again after a reconnection. */
  callerHistory?: EarlierCase[];
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });

export interface LiveFeed {
  calls: RingingCall[];
  /** Whether the feed is connected now (calls ringing while it is not appear on reconnection). */
  connected: boolean;
}

export const useRingingCalls = (): LiveFeed => {
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const [calls, setCalls] = useState<RingingCall[]>([]);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;

    const readQueued = async () => {
      const { data } = await dataProvider.getList<CallRow>(CALLS_RESOURCE, { filter: { queued: true }, sort: { field: 'queuedAt', order: 'ASC' }, pagination: { page: 1, perPage: 50 }, signal });
      setCalls(data.map((call) => ({ callId: call.id, fromNumber: call.fromNumber })));
    };

    const apply = (event: LiveCallEvent) =>
      setCalls((current) => {
        const others = current.filter((call) => call.callId !== event.callId);
        return event.type === 'ringing' ? [...others, { callId: event.callId, fromNumber: event.fromNumber, callerHistory: event.callerHistory }] : others;
      });

    const follow = async () => {
      let retryMs = FIRST_RETRY_MS;
      while (!signal.aborted) {
        try {
          const token = await freshAccessToken();
          const response = await fetch('/api/telephony/live', { headers: { Accept: 'text/event-stream', ...(token === null ? {} : { Authorization: `Bearer ${token}` }) }, signal });
          if (response.ok && response.body !== null) {
            for await (const frame of sseFrames(response.body)) {
              if (frame.event === 'ready') {
                retryMs = FIRST_RETRY_MS;
                await readQueued();
                setConnected(true);
              } else {
                apply(JSON.parse(frame.data) as LiveCallEvent);
              }
            }
          }
        } catch {
          // A dropped connection or an aborted one: retried below unless aborted.
        }
        setConnected(false);
        await pause(retryMs, signal);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      }
    };

    void follow();
    return () => controller.abort();
  }, [dataProvider]);

  return { calls, connected };
};
