// Demo: sign in as another seeded user (a collector, a sales owner, their manager: issue 19), and the
// "Disputes waiting for me" page (/lightning/n/Collections_Disputes). The identity check, the OAuth
// code + PKCE sign-in (with `login_hint` naming the user), the script loader and the sessionStorage keys are
// demo.js's (window.CollectionsDemo, loaded first); the chosen user is kept for this tab.
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('demo-config').textContent);
  var demo = window.CollectionsDemo;
  var TOKEN_KEY = demo.keys.token;
  var HINT_KEY = demo.keys.hint;

  async function mountDisputes(me) {
    var target = document.getElementById('disputes-slot');
    if (!target) {
      return;
    }
    if (!me) {
      await demo.signIn(sessionStorage.getItem(HINT_KEY) || document.getElementById('sign-in-as').value);
      return;
    }
    try {
      await demo.loadScript('/connector/collections-connector.iife.js');
      await demo.loadScript('/widget/disputes.js');
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
    var me = await demo.identity().catch(function () { return null; });
    if (select && me && me.preferred_username) {
      select.value = me.preferred_username;
    }
    if (select) {
      select.addEventListener('change', function () {
        sessionStorage.setItem(HINT_KEY, select.value);
        sessionStorage.removeItem(TOKEN_KEY);
        demo.signIn(select.value);
      });
    }
    await mountDisputes(me);
  }

  start();
})();
