// Passkeys in the browser (WebAuthn): adding one on /profile/security through the JSON API,
// and answering with one on the code page of signing in and on /login. Loaded as a file
// (the Content-Security-Policy allows no inline script); does nothing on pages without its
// elements.
'use strict';

(() => {
  const toBytes = (text) => {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  };
  const toText = (buffer) => {
    const bytes = new Uint8Array(buffer);
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  const descriptors = (list) => (list || []).map((item) => ({ type: item.type, id: toBytes(item.id) }));

  // The server's JSON options as the ArrayBuffers navigator.credentials wants.
  const creationOptions = (json) => ({
    ...json,
    challenge: toBytes(json.challenge),
    user: { ...json.user, id: toBytes(json.user.id) },
    excludeCredentials: descriptors(json.excludeCredentials),
  });
  const requestOptions = (json) => ({
    ...json,
    challenge: toBytes(json.challenge),
    allowCredentials: descriptors(json.allowCredentials),
  });

  // The credential as JSON, byte strings in base64url (what the server reads).
  const credentialJson = (credential) => {
    const response = {};
    for (const name of ['clientDataJSON', 'attestationObject', 'authenticatorData', 'signature', 'userHandle']) {
      const value = credential.response[name];
      if (value) response[name] = toText(value);
    }
    return { id: credential.id, rawId: toText(credential.rawId), type: credential.type, response };
  };

  const showError = (message) => {
    const box = document.getElementById('passkey-error');
    if (!box) return;
    box.textContent = message;
    box.classList.remove('d-none');
  };
  const browserRefusal = (error) => (error && error.name === 'NotAllowedError'
    ? 'The passkey was not used (cancelled or timed out).'
    : `The browser could not use a passkey: ${error && error.message ? error.message : error}`);

  async function postJson(path, csrfToken, body) {
    const response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
      body: JSON.stringify(body || {}),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error((answer.error && answer.error.message) || `HTTP ${response.status}`);
    return answer;
  }

  async function addPasskey(section) {
    const csrfToken = section.dataset.csrfToken;
    const name = document.getElementById('passkey-name').value.trim();
    if (!name) { showError('Give the passkey a name first.'); return; }
    let options;
    try {
      options = await postJson('/api/v1/me/passkeys/options', csrfToken);
    } catch (error) { showError(error.message); return; }
    let credential;
    try {
      credential = await navigator.credentials.create({ publicKey: creationOptions(options) });
    } catch (error) { showError(browserRefusal(error)); return; }
    try {
      await postJson('/api/v1/me/passkeys', csrfToken, { name, response: credentialJson(credential) });
    } catch (error) { showError(error.message); return; }
    window.location.assign('/profile/security');
  }

  // Asks the browser for a passkey answer and submits it with the form.
  async function answerWith(form, options) {
    let credential;
    try {
      credential = await navigator.credentials.get({ publicKey: requestOptions(options) });
    } catch (error) { showError(browserRefusal(error)); return; }
    form.elements.passkey_response.value = JSON.stringify(credentialJson(credential));
    form.submit();
  }

  function wire() {
    const section = document.getElementById('passkey-add');
    const add = document.getElementById('add-passkey');
    if (section && add) add.addEventListener('click', () => addPasskey(section));

    const secondFactor = document.getElementById('passkey-form');
    const use = document.getElementById('use-passkey');
    if (secondFactor && use) {
      use.addEventListener('click', () => answerWith(secondFactor, JSON.parse(secondFactor.dataset.passkeyOptions)));
    }

    const login = document.getElementById('passkey-login-form');
    const signIn = document.getElementById('passkey-sign-in');
    if (login && signIn) {
      signIn.addEventListener('click', async () => {
        let options;
        try {
          options = await postJson('/api/v1/login/passkey/options', login.elements.csrf_token.value);
        } catch (error) { showError(error.message); return; }
        await answerWith(login, options);
      });
    }
  }

  if (!window.PublicKeyCredential) {
    for (const id of ['add-passkey', 'use-passkey', 'passkey-sign-in']) {
      const button = document.getElementById(id);
      if (button) button.disabled = true;
    }
    showError('This browser cannot use passkeys.');
    return;
  }
  wire();
})();
