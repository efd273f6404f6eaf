/* global btoa, URLSearchParams */
// Demo: sign in as another seeded user (a collector, a sales owner, their manager: issue 19), and the
// "Disputes waiting for me" page (/lightning/n/Collections_Disputes). Signing in is the same OAuth
// code + PKCE flow as demo.js, with `login_hint` naming the user; the token is kept for this tab.
(function () {
  'use strict';

  var TOKEN_KEY = 'collectionsSandbox.accessToken';
  var PKCE_KEY = 'collectionsSandbox.pkce';
  var HINT_KEY = 'collectionsSandbox.loginHint';
  var config = JSON.parse(document.getElementById('demo-config').textContent);

  function randomString(bytes) {
    var data = new Uint8Array(bytes);
    crypto.getRandomValues(data);
    return base64url(data);
  }

  function base64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  async function signIn(username) {
    var verifier = randomString(48);
    var challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    var nonce = randomString(18);
    sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier: verifier, state: nonce, returnTo: location.pathname + location.search }));
    var params = new URLSearchParams({
      response_type: 'code', client_id: 'sandbox-demo', redirect_uri: location.origin + '/__demo/oauth/callback',
      code_challenge: challenge, code_challenge_method: 'S256', state: nonce, login_hint: username,
    });
    location.assign('/services/oauth2/authorize?' + params.toString());
  }

  async function whoAmI() {
    var token = sessionStorage.getItem(TOKEN_KEY);
    if (!token) {
      return null;
    }
    var response = await fetch('/services/oauth2/userinfo', { headers: { Authorization: 'Bearer ' + token } });
    return response.ok ? response.json() : null;
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      if (document.querySelector('script[data-src="' + src + '"]')) {
        resolve();
        return;
      }
      var tag = document.createElement('script');
      tag.src = src;
      tag.setAttribute('data-src', src);
      tag.onload = function () { resolve(); };
      tag.onerror = function () { reject(new Error('could not load ' + src)); };
      document.head.appendChild(tag);
    });
  }

  async function mountDisputes(me) {
    var target = document.getElementById('disputes-slot');
    if (!target) {
      return;
    }
    if (!me) {
      await signIn(sessionStorage.getItem(HINT_KEY) || document.getElementById('sign-in-as').value);
      return;
    }
    try {
      await loadScript('/connector/collections-connector.iife.js');
      await loadScript('/widget/disputes.js');
      var port = window.CollectionsConnector.createSalesforcePort({
        instanceUrl: location.origin,
        apiVersion: config.apiVersion,
        getAccessToken: function () { return Promise.resolve(sessionStorage.getItem(TOKEN_KEY)); },
      });
      window.CollectionsDisputes.mount(target, { port: port, userId: me.user_id, locale: config.locale });
    } catch (error) {
      target.textContent = 'Disputes failed to load: ' + (error && error.message ? error.message : String(error));
    }
  }

  async function start() {
    var select = document.getElementById('sign-in-as');
    var me = await whoAmI();
    if (select && me && me.preferred_username) {
      select.value = me.preferred_username;
    }
    if (select) {
      select.addEventListener('change', function () {
        sessionStorage.setItem(HINT_KEY, select.value);
        sessionStorage.removeItem(TOKEN_KEY);
        signIn(select.value);
      });
    }
    await mountDisputes(me);
  }

  start();
})();
