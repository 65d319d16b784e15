// How the components are joined where an import may not go: a lower component announces what
// happened through a hook, and a higher one subscribes to it here. Every entry point that keeps
// data calls connectComponents before its first request or seed (main.ts through createApp,
// createApp itself, the demo seed); calling it again changes nothing.
import { keepRollupsUpToDate } from './analytics/rollups';

export function connectComponents(): void {
  // A kept response (responses) → counted in the results' rollups (analytics).
  keepRollupsUpToDate();
}
