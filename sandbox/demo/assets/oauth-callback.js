/* global URLSearchParams */
// OAuth redirect target of the demo page: exchanges the authorization code (with the PKCE
// verifier kept in sessionStorage) for a sandbox access token, then returns to the record page.
(function () {
  'use strict';

  var TOKEN_KEY = 'collectionsSandbox.accessToken';
  var PKCE_KEY = 'collectionsSandbox.pkce';
  var status = document.getElementById('status');
  var query = new URLSearchParams(location.search);
  var pending = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');

  function fail(message) {
    status.textContent = 'Sign-in failed: ' + message;
  }

  if (!pending || query.get('state') !== pending.state) {
    fail('state mismatch; reload the record page to try again.');
    return;
  }
  if (query.get('error')) {
    fail(query.get('error_description') || query.get('error'));
    return;
  }
  var form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: query.get('code') || '',
    client_id: 'sandbox-demo',
    redirect_uri: location.origin + '/__demo/oauth/callback',
    code_verifier: pending.verifier,
  });
  fetch('/services/oauth2/token', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() })
    .then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) {
          throw new Error(body.error_description || body.error || ('HTTP ' + response.status));
        }
        return body;
      });
    })
    .then(function (body) {
      sessionStorage.setItem(TOKEN_KEY, body.access_token);
      sessionStorage.removeItem(PKCE_KEY);
      var returnTo = typeof pending.returnTo === 'string' && pending.returnTo.charAt(0) === '/' && pending.returnTo.charAt(1) !== '/' ? pending.returnTo : '/lightning/page/home';
      location.replace(returnTo);
    })
    .catch(function (error) {
      fail(error.message);
    });
})();
