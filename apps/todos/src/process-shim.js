// Some of the npm packages read `process` (a Node.js global) at run time: the browser has none.
export const process = { env: { NODE_ENV: 'production' }, browser: true, version: '', versions: {}, nextTick: (fn, ...args) => Promise.resolve().then(() => fn(...args)) };
