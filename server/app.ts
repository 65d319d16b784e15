// Builds Mera's Express app from its components. No listen here: tests import this.
import compression from 'compression';
import express from 'express';
import { resultsRoutes } from './analytics/routes';
import helmet from 'helmet';
import { requireAdministrator } from './accounts/admin-token';
import { campaignRoutes, linkRoutes } from './campaigns/routes';
import { linkSecret } from './campaigns/links';
import type { Config } from './config';
import { demoRoutes } from './demo';
import { errorHandler, notFoundHandler } from './errors';
import { serveClient } from './http/client-pages';
import { guardBodyKeys, jsonBody, MAX_BODY_ITEMS, requireJson } from './request-guards';
import { requestLogger } from './system/request-log';
import { responseRoutes } from './responses/routes';
import { schoolsRoutes } from './schools/routes';
import type { Store } from './store';
import { instrumentRoutes } from './surveys/routes';

export interface AppDeps {
  config: Config;
  store: Store;
  log?: (message: string, err?: unknown) => void;
}

const defaultLog = (message: string, err?: unknown) => console.error(message, err ?? '');

export function createApp({ config, store, log = defaultLog }: AppDeps): express.Express {
  const app = express();
  app.set('trust proxy', false);
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

  if (config.logRequests) app.use(requestLogger());

  // Read once and kept, but a failed read is forgotten so the next request tries again.
  let secret: Promise<string> | undefined;
  const getSecret = () =>
    (secret ??= linkSecret(store, config.secret).catch((err: unknown) => {
      secret = undefined;
      throw err;
    }));

  const api = express.Router();
  // An administrator's upload may be larger than anyone else's body: its own parser, behind the
  // administrator check so nobody else can make Mera read that much. (The route checks again:
  // that is its own rule; here it guards the parser.) The parser below then finds the body read.
  api.post('/instruments', requireAdministrator(config.adminToken), jsonBody(config.uploadLimit, MAX_BODY_ITEMS.upload));
  // Read answers over 1 kB (a survey's definition is 20–60 kB) go compressed; submissions are
  // small and Mera's busiest request, so they skip the compressor entirely.
  const compress = compression({ threshold: 1024 });
  api.use((req, res, next) => (req.method === 'GET' ? compress(req, res, next) : next()));
  api.use(jsonBody(config.bodyLimit));
  api.use(requireJson);
  api.use(guardBodyKeys);
  // Respondents' routes first: a submission is the request Mera serves most, and every route
  // tried before it costs it time.
  api.use('/links', responseRoutes(store, config.timeZone));
  api.use('/links', linkRoutes(store, config.timeZone));
  api.get('/health', async (_req, res) => {
    const status = await store.status();
    res.status(status.reachable ? 200 : 503).json({ status: status.reachable ? 'ok' : 'unavailable', storage: status });
  });
  api.use('/schools', schoolsRoutes(store));
  api.use('/instruments', instrumentRoutes(store, config.adminToken));
  api.use('/demo', demoRoutes(store, getSecret));
  api.use('/campaigns', campaignRoutes({ store, config, secret: getSecret }));
  api.use('/results', resultsRoutes(store, config));
  api.use(notFoundHandler);
  app.use('/api', api);

  serveClient(app, config.clientDir);

  app.use(errorHandler(log));
  return app;
}
