// Builds Mera's Express app from its components. No listen here: tests import this.
import compression from 'compression';
import express from 'express';
import { resultsRoutes } from './analytics/routes';
import { frameworkRoutes } from './analytics/framework-routes';
import helmet from 'helmet';
import { accountRoutes } from './accounts/routes';
import { sessionLayer } from './accounts/session';
import { campaignRoutes, linkRoutes, taskRoutes } from './campaigns/routes';
import { linkSecret, tokenPattern } from './campaigns/links';
import { connectComponents } from './components';
import type { Config } from './config';
import { demoRoutes } from './demo';
import { diagnosticRoutes } from './diagnostics/routes';
import { listMyDiagnostics } from './diagnostics/service';
import { errorHandler, notFoundHandler } from './errors';
import { apiRoutes } from './api-routes';
import { identify, requireAdministrator } from './http/auth';
import { serveOpenApi } from './http/openapi';
import { serveClient } from './http/client-pages';
import { createMailer, Mailer, mailTransport } from './mail/outbox';
import { guardBodyKeys, guardSubmissionKeys, jsonBody, MAX_BODY_ITEMS, requireJson } from './request-guards';
import { requestLogger } from './system/request-log';
import { rememberedUnlessFailed } from './system/settings';
import { answersPerSchool, schoolHasAnswered } from './responses/read';
import { submissionHandler, submissionPath } from './responses/routes';
import { schoolFormRoutes } from './responses/school-form-routes';
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
  connectComponents();
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

  if (config.logRequests) app.use(requestLogger());

  // Every API body is read the same way: size, encoding, depth and item limits, JSON only, no
  // operator, prototype or dotted keys (but in the answers of the routes marked `answerNames`, below).
  const readBody = [jsonBody(config.bodyLimit), requireJson];
  // Respondents' submissions first, straight on the app and not inside the `/api` router: it is
  // the request Mera serves most, and each router level it passes costs it time. It never reads
  // the session. Submissions are small, so they skip the compressor too.
  // Its answers are keyed by the survey's own names, which may hold "." and "$" (guardSubmissionKeys).
  app.post(submissionPath, jsonBody(config.bodyLimit), requireJson, guardSubmissionKeys, submissionHandler(store, config.timeZone));

  // Read once and kept, but a failed read is forgotten so the next request tries again.
  const getSecret = rememberedUnlessFailed(() => linkSecret(store, config.secret));

  const api = express.Router();
  // The session layer (cookie session, passport, CSRF check), used by every route but the respondents'.
  const sessions = sessionLayer(config, store);
  const identifyActor = identify(config.adminToken);
  // An administrator's upload may be larger than anyone else's body: its own parser, behind the
  // administrator check (a signed-in administrator or the API token) so nobody else can make Mera
  // read that much. The route checks again: that is its own rule; here it guards the parser. The
  // parser below then finds the body read, and the session layer below finds the session loaded.
  api.post(
    '/instruments',
    ...sessions.handlers,
    identifyActor,
    requireAdministrator(config.adminToken),
    jsonBody(config.uploadLimit, MAX_BODY_ITEMS.upload),
  );
  // Read answers over 1 kB (a survey's definition is 20–60 kB) go compressed; submissions are
  // small and Mera's busiest request, so they skip the compressor entirely.
  const compress = compression({ threshold: 1024 });
  api.use((req, res, next) => (req.method === 'GET' ? compress(req, res, next) : next()));
  api.use(readBody);
  // A teacher's diagnostic and a school's form send answers keyed by the survey's own names, like a
  // respondent's submission: guarded as it is, and the strict guard after leaves them be.
  for (const route of apiRoutes) {
    if (route.answerNames) api[route.method](route.path.replace(/^\/api/, ''), guardSubmissionKeys);
  }
  api.use(guardBodyKeys);
  // This API's description: public, made once.
  api.get('/openapi.json', serveOpenApi(apiRoutes));
  // The respondents' link page next (submissions are mounted above, on the app).
  api.use('/links', linkRoutes(store, config.timeZone));
  // Everything below may use the session (the respondents' routes above never read it).
  api.use(sessions.handlers);
  api.use(identifyActor);
  api.use(diagnosticRoutes(store, config));
  api.use(
    accountRoutes({
      store,
      config,
      log,
      layer: sessions,
      mailer:
        mailer ??
        createMailer(
          store,
          mailTransport(config, (m) => log(m)),
          log,
        ),
    }),
  );
  api.get('/health', async (_req, res) => {
    const status = await store.status();
    res.status(status.reachable ? 200 : 503).json({ status: status.reachable ? 'ok' : 'unavailable', storage: status });
  });
  api.use('/schools', schoolsRoutes(store));
  api.use('/instruments', instrumentRoutes(store, config.adminToken));
  api.use('/demo', demoRoutes(store, getSecret));
  // Campaigns sit below the components that keep the answers: what they need of them is handed in.
  const progress = { answersPerSchool, schoolHasAnswered, myDiagnostics: listMyDiagnostics };
  api.use('/campaigns', campaignRoutes({ store, config, secret: getSecret, progress }));
  api.use('/my/tasks', taskRoutes({ store, config, secret: getSecret, progress }));
  api.use('/school-forms', schoolFormRoutes(store, config.timeZone));
  api.use('/results', resultsRoutes(store, config));
  api.use('/framework', frameworkRoutes(store, config));
  api.use(notFoundHandler);
  app.use('/api', api);

  serveClient(app, config.clientDir, (token) => tokenPattern.test(token));

  app.use(errorHandler(log));
  return app;
}
