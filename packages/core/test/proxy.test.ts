import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type FakeUpstream, type RecordingProxy, selfSignedCertificate, startConnectProxy, startFake, startFakeUpstream } from '@toolbridge/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../src/http/client.js';
import { proxyRoute } from '../src/http/proxy.js';
import { testConfig } from './helpers.js';

let fake: FakeUpstream | undefined;
let proxy: RecordingProxy | undefined;
afterEach(async () => {
  await fake?.close();
  await proxy?.close();
  fake = proxy = undefined;
});

const quick = { globalSettings: { retryAttempts: 0, cacheEnabled: false } };

describe('proxy settings', () => {
  it('reads lower-case variables first, HTTP_PROXY for https too, and security.proxy over both', () => {
    expect(proxyRoute({}, {})).toBeUndefined();
    expect(proxyRoute({}, { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:1', NO_PROXY: 'a.corp' })).toEqual({
      httpProxy: '',
      httpsProxy: 'http://lower:1',
      noProxy: 'a.corp',
    });
    expect(proxyRoute({}, { HTTP_PROXY: 'http://only:1' })).toEqual({ httpProxy: 'http://only:1', httpsProxy: 'http://only:1', noProxy: '' });
    const config = testConfig({ security: { proxy: { url: 'http://configured:3128', noProxy: ['.corp'] } } });
    expect(proxyRoute(config.security, { HTTPS_PROXY: 'http://env:1', NO_PROXY: 'x' })).toEqual({
      httpProxy: 'http://configured:3128',
      httpsProxy: 'http://configured:3128',
      noProxy: '.corp',
    });
  });

  it('refuses a proxy setting that is not an http(s) URL, and an unknown key in it', () => {
    expect(() => testConfig({ security: { proxy: { url: 'socks5://proxy:1080' } } })).toThrow(/http:\/\/ or https:\/\/ proxy URL/);
  });
});

describe('requests through a proxy', () => {
  it('tunnels through HTTP_PROXY with CONNECT, passing the proxy its credentials', async () => {
    fake = await startFakeUpstream({ 'GET /items': () => ({ body: { items: [1] } }) });
    proxy = await startConnectProxy({ credentials: { user: 'corp', password: 's3cret pass' } });
    const http = createHttpClient({ config: testConfig(quick), env: { HTTP_PROXY: proxy.url } });
    http.allowBaseUrl(fake.url);
    const { data } = await http.json(`${fake.url}/items`);
    expect(data).toEqual({ items: [1] });
    expect(proxy.forwarded).toEqual([new URL(fake.url).host]);
    expect(proxy.refused).toEqual([]);
  });

  it('goes through security.proxy from the config file, and direct to hosts in its noProxy', async () => {
    fake = await startFakeUpstream({ 'GET /items': () => ({ body: { items: [] } }) });
    proxy = await startConnectProxy();
    const through = createHttpClient({ config: testConfig({ ...quick, security: { proxy: { url: proxy.url } } }), env: {} });
    through.allowBaseUrl(fake.url);
    await through.json(`${fake.url}/items`);
    expect(proxy.forwarded).toEqual([new URL(fake.url).host]);

    const direct = createHttpClient({ config: testConfig({ ...quick, security: { proxy: { url: proxy.url, noProxy: ['127.0.0.1'] } } }), env: {} });
    direct.allowBaseUrl(fake.url);
    await direct.json(`${fake.url}/items`);
    expect(proxy.forwarded).toHaveLength(1);
    expect(fake.requests).toHaveLength(2);
  });

  it('skips the proxy for NO_PROXY hosts (lower-case no_proxy too)', async () => {
    fake = await startFakeUpstream({ 'GET /items': () => ({ body: {} }) });
    proxy = await startConnectProxy();
    for (const env of [
      { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' },
      { http_proxy: proxy.url, no_proxy: '127.0.0.1' },
    ]) {
      const http = createHttpClient({ config: testConfig(quick), env });
      http.allowBaseUrl(fake.url);
      await http.json(`${fake.url}/items`);
    }
    expect(proxy.forwarded).toEqual([]);
    expect(fake.requests).toHaveLength(2);
  });

  it('still applies the egress policy to the target host: nothing reaches the proxy for a refused host', async () => {
    proxy = await startConnectProxy();
    const http = createHttpClient({ config: testConfig(quick), env: { HTTPS_PROXY: proxy.url }, defaultAllowedDomains: ['api.github.com'] });
    await expect(http.fetch('https://evil.example.com/steal')).rejects.toThrow(/egress to evil\.example\.com is not allowed/);
    expect(proxy.forwarded).toEqual([]);
  });

  it('says the proxy refused the request when it wants credentials it did not get', async () => {
    fake = await startFakeUpstream({ 'GET /items': () => ({ body: {} }) });
    proxy = await startConnectProxy({ credentials: { user: 'corp', password: 'pw' } });
    const anonymous = new URL(proxy.url);
    anonymous.username = anonymous.password = '';
    const http = createHttpClient({ config: testConfig(quick), env: { HTTP_PROXY: anonymous.href } });
    http.allowBaseUrl(fake.url);
    await expect(http.fetch(`${fake.url}/items`)).rejects.toThrow(/could not reach 127\.0\.0\.1:\d+: the proxy asked for credentials \(407\)/);
    expect(proxy.refused).toEqual([new URL(fake.url).host]);
    expect(fake.requests).toEqual([]);
  });

  it('reaches an https upstream through the proxy, trusting its certificate through NODE_EXTRA_CA_CERTS', async () => {
    const tls = selfSignedCertificate();
    fake = await startFake({ tls, routes: { 'GET /items': () => ({ body: { items: ['tls'] } }) } });
    proxy = await startConnectProxy();
    // NODE_EXTRA_CA_CERTS is read when a process starts, so a fresh one makes the request.
    const script = `
      import { createHttpClient } from '@toolbridge/core';
      const http = createHttpClient({ config: ${JSON.stringify(testConfig(quick))} });
      http.allowBaseUrl(${JSON.stringify(fake.url)});
      const { data } = await http.json(${JSON.stringify(`${fake.url}/items`)});
      console.log(JSON.stringify(data));`;
    // The fake and the proxy live in this process: the child runs asynchronously so they can answer.
    const run = async (extra: Record<string, string>) =>
      (
        await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
          cwd: import.meta.dirname,
          env: { PATH: process.env.PATH, HTTPS_PROXY: proxy!.url, ...extra },
          encoding: 'utf8',
        })
      ).stdout;
    expect(JSON.parse(await run({ NODE_EXTRA_CA_CERTS: tls.certFile }))).toEqual({ items: ['tls'] });
    await expect(run({})).rejects.toThrow(/self-signed certificate|SELF_SIGNED/i);
    expect(proxy.forwarded).toEqual([new URL(fake.url).host, new URL(fake.url).host]);
    expect(fake.requests).toHaveLength(1);
  });
});
