// The import check (`npm run lint` runs it): Mera's server is a stack of layers, and an import may
// only run sideways (within a component) or down. It fails on an import that runs back up between
// components and on any circle of imports. Type-only imports are not checked: TypeScript erases
// them, so they make no dependency at run time (an import whose names are all used as types only
// counts as one, with or without `import type`).
//
// The layers, lowest first (docs/layers.md says why each sits where it does):
//   platform     clock, config, calendar, errors, request guards, http/ (auth, pages), system/
//                (settings, request log, PDF, shutdown), store/: no business word in any of them
//   disclosure   the disclosure-control rules every output of answers goes through (minimum group,
//                complementary suppression, published counts, row exports)
//   jobs         the queue (claim with a lease, complete, fail with back-off), the worker loop
//                and its handler registry; the handlers live with their components
//   schools      the cluster and its schools
//   surveys      the instrument catalogue, validation, scoring
//   mail         the outbox (stored, sent, retried) and the message templates
//   accounts     users, sessions, one-time links, roles
//   campaigns    plans, links, launching and closing, invitations and reminders
//   responses    submissions through a link; tells who listens that a response was kept
//   diagnostics  a teacher's own diagnostics and profile; who still has to take one
//   analytics    rollups, results, exports, reports
// Above them all, the entry points and assembly may import anything and nothing imports them:
// app.ts, main.ts, collections.ts, components.ts, demo.ts, the command-line tools (*-cli.ts) and
// seeds/. Where a lower component must tell a higher one something, it offers a hook that the
// higher one subscribes to at start-up (components.ts); where it must ask, the answer is handed in.
const layers = [
  { name: 'platform', path: '^server/((clock|config|calendar|errors|request-guards)\\.ts$|(store|system|http)/)' },
  { name: 'disclosure', path: '^server/disclosure/' },
  { name: 'jobs', path: '^server/jobs/' },
  { name: 'schools', path: '^server/schools/' },
  { name: 'surveys', path: '^server/surveys/' },
  { name: 'mail', path: '^server/mail/' },
  { name: 'accounts', path: '^server/accounts/' },
  { name: 'campaigns', path: '^server/campaigns/' },
  { name: 'responses', path: '^server/responses/' },
  { name: 'diagnostics', path: '^server/diagnostics/' },
  { name: 'analytics', path: '^server/analytics/' },
];
const entryPoints = '^(server/(app|main|collections|components|demo)\\.ts$|server/.+-cli\\.ts$|seeds/)';

/** One rule per layer: nothing in it imports a layer above it, nor an entry point. */
const noImportBackUp = layers.map((layer, index) => ({
  name: `no-import-back-up-from-${layer.name}`,
  comment: `${layer.name} sits below ${layers
    .slice(index + 1)
    .map((l) => l.name)
    .join(', ')} and the entry points: it may not import them (offer a function, a hook or take what you need as an argument).`,
  severity: 'error',
  from: { path: layer.path, pathNot: entryPoints },
  to: { path: [...layers.slice(index + 1).map((l) => l.path), entryPoints] },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A circle of imports: modules that need each other cannot be read, tested or loaded one at a time.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...noImportBackUp,
    {
      name: 'no-foreign-collections',
      comment:
        "A component's collections (its data.ts) are its own: the others call the functions it offers. Only the store's list of every collection (collections.ts) and the demo seed's reset (seeds/) reach them.",
      severity: 'error',
      from: { path: '^server/([^/]+?)(/|\\.ts$)', pathNot: '^server/collections\\.ts$' },
      to: { path: '^server/[^/]+/data\\.ts$', pathNot: '^server/$1/' },
    },
  ],
  options: {
    // The graph as it runs: TypeScript's output, where type-only imports are gone.
    tsPreCompilationDeps: false,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|client|tests)/' },
  },
};
