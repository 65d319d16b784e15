// Stopping without cutting anyone off: stop accepting connections, let requests in flight finish
// (a submission being sent is stored and answered), close connections as soon as they fall idle,
// and cut whatever is left only when the grace period is over.
import type { Server } from 'node:http';

export interface Drained {
  /** True when the grace period ran out and open connections had to be cut. */
  cut: boolean;
}

export function drain(server: Server, graceMs: number): Promise<Drained> {
  return new Promise((resolve) => {
    let cut = false;
    // Answers given from now on tell the client not to send another request on the connection.
    server.prependListener('request', (_req, res) => res.setHeader('Connection', 'close'));
    // A keep-alive connection whose answer has just gone out falls idle: close it then, not when
    // its keep-alive time-out ends.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => {
      cut = true;
      server.closeAllConnections();
    }, graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve({ cut });
    });
    server.closeIdleConnections();
  });
}
