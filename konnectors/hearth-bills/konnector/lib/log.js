'use strict';
// Progress and errors as the stack reads them: one JSON object a line on stdout, with a `type`
// (debug, info, warning, error, critical) and a `message`. The last `critical` line is the job's
// error, as cozy-konnector-libs reports it.

function log(type, message, extra) {
  const line = Object.assign({ time: new Date().toISOString(), type, message: String(message) }, extra || {});
  process.stdout.write(JSON.stringify(line) + '\n');
}

/** An error whose message is one of Cozy's konnector error codes (LOGIN_FAILED, VENDOR_DOWN...). */
class KonnectorError extends Error {
  constructor(code, detail) {
    super(code);
    this.code = code;
    this.detail = detail;
  }
}

module.exports = {
  info: (message, extra) => log('info', message, extra),
  warning: (message, extra) => log('warning', message, extra),
  critical: (message, extra) => log('critical', message, extra),
  KonnectorError,
};
