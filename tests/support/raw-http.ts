// Byte-exact HTTP requests for tests of how bodies are read: supertest re-serialises a Buffer sent
// with a JSON content type, so compressed or differently encoded bodies go through node:http here.
import http from 'node:http';

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The parsed JSON answer, or undefined when it is not JSON. */
  body: any;
}

/** Sends one request to `baseUrl` (a listening server) on a fresh connection and reads the whole answer. */
export function rawRequest(baseUrl: string, { method = 'POST', path, headers = {}, body }: RawRequest): Promise<RawResponse> {
  const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent: false,
        headers: { ...(bytes ? { 'content-length': String(bytes.length) } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(bytes);
  });
}
