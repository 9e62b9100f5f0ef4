// Makes every `*.localhost` name resolve to 127.0.0.1 in this process, the way browsers do.
// Import it before anything that opens connections: fetch (undici), node-fetch (PouchDB) and ws
// all resolve host names through dns.lookup, so they connect to the loopback address while
// sending the real `Host: <name>.localhost:<port>` header, which the server uses to pick the
// instance.
import dns from 'node:dns';

const originalLookup = dns.lookup;
let lookupCount = 0;

export function isLocalhostName(hostname) {
  return typeof hostname === 'string' && /(^|\.)localhost\.?$/i.test(hostname);
}

dns.lookup = function lookup(hostname, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  } else if (typeof options === 'number') {
    options = { family: options };
  } else if (options == null) {
    options = {};
  }
  if (isLocalhostName(hostname) && hostname.toLowerCase() !== 'localhost' && options.family !== 6) {
    lookupCount++;
    if (options.all) {
      process.nextTick(callback, null, [{ address: '127.0.0.1', family: 4 }]);
    } else {
      process.nextTick(callback, null, '127.0.0.1', 4);
    }
    return {};
  }
  return originalLookup.call(this, hostname, options, callback);
};

/** How many `*.localhost` look-ups this module answered (to check that a client went through it). */
export function localhostLookups() {
  return lookupCount;
}
