import { expect } from '@open-wc/testing';
import { absoluteUrl, defaultDbName, openSettings } from '../../src/catalog/open-catalog.js';

describe('open-catalog settings', () => {
  it('resolves a relative src against the page and names the database after the absolute URL', () => {
    const settings = openSettings({ src: 'snapshots/manifest.json' });
    const absolute = new URL('snapshots/manifest.json', location.href).href;
    expect(settings.manifestUrl).to.equal(absolute);
    expect(settings.dbName).to.equal(`sor-picker:${absolute}`);
    expect(defaultDbName(absolute)).to.equal(settings.dbName);
  });

  it('fills in the documented defaults', () => {
    expect(openSettings({ src: 'https://cdn.example/sor/manifest.json' })).to.include({
      compactAfter: 7,
      timeout: 30_000,
      staleRetryDelay: 300_000,
    });
  });

  it('keeps what the caller set, falsy values included', () => {
    const fetch = () => Promise.reject(new Error('not called'));
    const chosen = {
      dbName: 'mine',
      fetch,
      compactAfter: 0,
      timeout: 5,
      staleRetryDelay: 0,
    };
    const settings = openSettings({ src: new URL('https://cdn.example/sor/manifest.json'), ...chosen });
    expect(settings).to.deep.equal({ manifestUrl: 'https://cdn.example/sor/manifest.json', ...chosen });
  });

  it('downloads with the global fetch as it is at download time (a later polyfill or mock applies)', async () => {
    const { fetch } = openSettings({ src: 'x/manifest.json' });
    const original = globalThis.fetch;
    const asked: string[] = [];
    globalThis.fetch = ((input: RequestInfo | URL) => {
      asked.push(String(input));
      return Promise.resolve(new Response('ok'));
    }) as typeof globalThis.fetch;
    try {
      expect(await (await fetch('y')).text()).to.equal('ok');
    } finally {
      globalThis.fetch = original;
    }
    expect(asked).to.deep.equal(['y']);
  });

  it('leaves absolute URLs as they are', () => {
    expect(absoluteUrl('https://cdn.example/a/manifest.json')).to.equal(
      'https://cdn.example/a/manifest.json',
    );
  });
});
