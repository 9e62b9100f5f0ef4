'use strict';
// The konnector execution contract: what the stack passes in the environment.

function json(name, fallback) {
  const raw = process.env[name];
  if (!raw) return fallback;
  try {
    return JSON.parse(raw);
  } catch (e) {
    throw new Error(name + ' is not JSON: ' + e.message);
  }
}

/** The token: the raw token, or the `{"token":{"accessToken":...}}` form of development setups. */
function credentials() {
  const raw = process.env.COZY_CREDENTIALS || '';
  if (raw.startsWith('{')) {
    const parsed = JSON.parse(raw);
    return (parsed.token && (parsed.token.accessToken || parsed.token.access_token)) || '';
  }
  return raw.trim();
}

function read() {
  const url = process.env.COZY_URL;
  if (!url) throw new Error('COZY_URL is not set');
  return {
    cozyUrl: url.endsWith('/') ? url : url + '/',
    token: credentials(),
    fields: json('COZY_FIELDS', {}),
    parameters: json('COZY_PARAMETERS', {}),
    manual: process.env.COZY_JOB_MANUAL_EXECUTION === 'true',
  };
}

module.exports = { read };
