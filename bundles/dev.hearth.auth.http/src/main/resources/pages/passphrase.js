// Hashes the passphrase in the browser before the form is sent, as Cozy clients do:
// base64(PBKDF2-SHA256(PBKDF2-SHA256(passphrase, salt, iterations), passphrase, 1)).
// The clear passphrase field has no name, so it is never submitted.
(function () {
  'use strict';
  var form = document.getElementById('passphrase-form');
  if (!form) { return; }
  var encoder = new TextEncoder();

  async function pbkdf2(secret, salt, iterations) {
    var key = await crypto.subtle.importKey('raw', secret, 'PBKDF2', false, ['deriveBits']);
    var bits = await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: salt, iterations: iterations }, key, 256);
    return new Uint8Array(bits);
  }

  async function hash(passphrase, salt, iterations) {
    var master = await pbkdf2(encoder.encode(passphrase), encoder.encode(salt), iterations);
    var hashed = await pbkdf2(master, encoder.encode(passphrase), 1);
    return btoa(String.fromCharCode.apply(null, hashed));
  }

  form.addEventListener('submit', async function (event) {
    event.preventDefault();
    var password = document.getElementById('password');
    var confirmation = document.getElementById('confirmation');
    var error = document.getElementById('error');
    if (confirmation && confirmation.value !== password.value) {
      error.textContent = 'The two passphrases differ.';
      return;
    }
    var button = form.querySelector('button');
    button.disabled = true;
    error.textContent = '';
    try {
      document.getElementById('hashed').value =
        await hash(password.value, form.dataset.salt, parseInt(form.dataset.iterations, 10));
      password.value = '';
      if (confirmation) { confirmation.value = ''; }
      form.submit();
    } catch (e) {
      button.disabled = false;
      error.textContent = 'This browser cannot hash the passphrase: ' + e.message;
    }
  });
})();
