// The local Twilio endpoint as its own process (`npm start` runs it when no Twilio account is
// configured): listens on LOCAL_TWILIO_PORT, serves the hotline number TWILIO_FROM_NUMBER and
// sends its webhooks to the API (PUBLIC_BASE_URL, else API_HOST:API_PORT).
import { loadEnv } from '../../config/env';
import { createLogger } from '../../config/logger';
import { startLocalTwilio } from './index';

async function main(): Promise<void> {
  const env = loadEnv();
  const log = createLogger('local-twilio', env.LOG_LEVEL);
  const apiHost = env.API_HOST === '0.0.0.0' ? '127.0.0.1' : env.API_HOST;
  const webhookBaseUrl = env.PUBLIC_BASE_URL ?? `http://${apiHost}:${env.API_PORT}`;
  const twilioLocal = await startLocalTwilio({
    port: env.LOCAL_TWILIO_PORT,
    accountSid: env.TWILIO_ACCOUNT_SID,
    authToken: env.TWILIO_AUTH_TOKEN,
    webhookBaseUrl,
    numbers: [env.TWILIO_FROM_NUMBER],
    log,
  });
  log.info({ url: twilioLocal.url, webhookBaseUrl, number: env.TWILIO_FROM_NUMBER }, 'local Twilio endpoint listening');
  const stop = () => {
    void twilioLocal.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(`[local-twilio] ${(error as Error).message}`);
  process.exit(1);
});
