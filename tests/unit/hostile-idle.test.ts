import http from 'node:http';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAY_ALIVE_PATH } from '../support/hostile-sites/hostile-idle';
import { startTrainingServer, type TrainingServer } from '../support/hostile-sites/training-server';

let server: TrainingServer;
beforeAll(async () => {
  server = await startTrainingServer();
});
afterAll(async () => {
  await server.close();
});

function get(siteId: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path, headers: { Host: `${siteId}.entrainement.localhost:${server.port}` }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the hostile stay-alive page', () => {
  it('is served on the hostile host only, with a script that parses', async () => {
    const page = await get('hostile', STAY_ALIVE_PATH);
    expect(page.status).toBe(200);
    const script = /<script>([\s\S]*)<\/script>/.exec(page.body)?.[1] ?? '';
    expect(script).toContain('dispatchEvent');
    expect(() => new vm.Script(script)).not.toThrow();
    expect((await get('tiers', STAY_ALIVE_PATH)).status).toBe(404);
  });
});
