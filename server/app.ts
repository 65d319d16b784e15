// Builds Mera's Express app from its components. No listen here: tests import this.
import express from 'express';
import helmet from 'helmet';
import fs from 'node:fs';
import path from 'node:path';
import { accountRoutes } from './accounts/routes';
import { sessionLayer } from './accounts/session';
import { linkRoutes } from './campaigns/routes';
import { linkSecret } from './campaigns/links';
import type { Config } from './config';
import { demoRoutes } from './demo';
import { diagnosticRoutes } from './diagnostics/routes';
import { errorHandler, notFoundHandler } from './errors';
import { identify } from './http/auth';
import { createMailer, Mailer, mailTransport } from './mail/outbox';
import { rejectOperators, requireJson } from './request-guards';
import { responseRoutes } from './responses/routes';
import { schoolsRoutes } from './schools/routes';
import type { Store } from './store';
import { instrumentRoutes } from './surveys/routes';

export interface AppDeps {
  config: Config;
  store: Store;
  log?: (message: string, err?: unknown) => void;
  /** Account mail (invitations, resets); by default one over config.mail, delivering due mail only when asked. */
  mailer?: Mailer;
}

const defaultLog = (message: string, err?: unknown) => console.error(message, err ?? '');

export function createApp({ config, store, log = defaultLog, mailer }: AppDeps): express.Express {
  const app = express();
  app.set('trust proxy', config.accounts.trustProxy);
  // No ETag on API answers: they are per-request (no-store) and hashing each one costs every
  // submission time. Static files keep theirs (express.static sets its own).
  app.set('etag', false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // survey-react-ui sets style attributes at run time.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      // Never leak a respondent's link (it carries the token) to another site.
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );

  if (config.logRequests) {
    app.use((req, _res, next) => {
      console.log(`${req.method} ${req.path.replace(/\/(s|api\/links)\/[^/]+/, '/$1/:token')}`);
      next();
    });
  }

  let secret: Promise<string> | undefined;
  const getSecret = () => (secret ??= linkSecret(store, config.secret));

  const api = express.Router();
  api.use(express.json({ limit: config.bodyLimit, strict: true }));
  api.use(requireJson);
  api.use(rejectOperators);
  // Respondents' routes first: a submission is the request Mera serves most, and every route
  // tried before it costs it time.
  api.use('/links', responseRoutes(store, config.timeZone));
  api.use('/links', linkRoutes(store, config.timeZone));
  // Everything below may use the session (the respondents' routes above never read it).
  const sessions = sessionLayer(config, store);
  api.use(sessions.handlers);
  api.use(identify(config.adminToken));
  api.use(diagnosticRoutes(store, config));
  api.use(accountRoutes({ store, config, layer: sessions, mailer: mailer ?? createMailer(store, mailTransport(config, (m) => log(m)), log) }));
  api.get('/health', async (_req, res) => {
    const status = await store.status();
    res.status(status.reachable ? 200 : 503).json({ status: status.reachable ? 'ok' : 'unavailable', storage: status });
  });
  api.use('/schools', schoolsRoutes(store));
  api.use('/instruments', instrumentRoutes(store, config.adminToken));
  api.use('/demo', demoRoutes(store, getSecret));
  api.use(notFoundHandler);
  app.use('/api', api);

  const indexHtml = path.join(config.clientDir, 'index.html');
  if (fs.existsSync(indexHtml)) {
    app.use('/assets', express.static(path.join(config.clientDir, 'assets'), { immutable: true, maxAge: '1y', index: false }));
    app.use(express.static(config.clientDir, { index: false, maxAge: '1h' }));
    // Client-side routes (/, /s/<token>, ...) all start from the same page.
    app.get(/^\/(?!api\/|assets\/).*/, (_req, res) => {
      res.set('Cache-Control', 'no-cache');
      res.sendFile(indexHtml);
    });
  } else {
    app.get('/', (_req, res) => {
      res.status(503).type('text').send('The Mera client is not built: run "npm run build:client" (npm start does it for you).');
    });
  }

  app.use(errorHandler(log));
  return app;
}
