/* global URLSearchParams, btoa, CustomEvent */
// Demo CRM page: Lightning-like in-app navigation (history.pushState, never a full reload) and the
// collections panel embedded through the widget's public API. This script never calls
// /services/data: every REST request the browser makes is the panel's (tests rely on it).
(function () {
  'use strict';

  var TOKEN_KEY = 'collectionsSandbox.accessToken';
  var PKCE_KEY = 'collectionsSandbox.pkce';
  var HINT_KEY = 'collectionsSandbox.loginHint';
  var config = JSON.parse(document.getElementById('demo-config').textContent);
  var state = { recordId: config.recordId, objectType: config.objectType, userName: config.userName, banner: null, bannerMounting: false, handle: null, mounting: false, navigation: 0, worklist: null, worklistMounting: false, reports: null, reportsMounting: false };
  var WORKLIST_PATH = /^\/lightning\/n\/Collections_Worklist\/?$/;
  var REPORTS_PATH = /^\/lightning\/n\/Collections_Reports\/?$/;
  window.__demoNavigations = 0;
  // For sign-in-as.js (the "Signed in as" menu and the disputes page): one identity check, one sign-in,
  // and the sessionStorage keys of the tab's token and chosen user (defined here only).
  window.CollectionsDemo = {
    identity: function () { return identity(); },
    signIn: function (hint) { return signIn(hint); },
    loadScript: function (src) { return loadScript(src); },
    keys: Object.freeze({ token: TOKEN_KEY, hint: HINT_KEY }),
  };

  function slot() {
    return document.getElementById('collections-panel-slot');
  }

  function placeholder(text, kind) {
    var box = document.createElement('div');
    box.className = 'panel-placeholder ' + (kind || '');
    box.setAttribute('data-testid', 'panel-placeholder');
    box.textContent = text;
    slot().replaceChildren(box);
  }

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

  // The session is obtained "the way the product would": OAuth 2.0 authorization code + PKCE
  // against the sandbox, token kept in sessionStorage for this tab only. The token is checked once
  // per page load (identity, not the data API: a token from before a sandbox reset is stale); the
  // answer also gives the signed-in user's name (it signs reminders) and id (a dispute's owner may
  // answer it in the panel, issue 19). sign-in-as.js uses the same check and sign-in.
  function identity() {
    if (!state.identity) {
      state.identity = (async function () {
        var token = sessionStorage.getItem(TOKEN_KEY);
        if (!token) {
          return null;
        }
        var check = await fetch('/services/oauth2/userinfo', { headers: { Authorization: 'Bearer ' + token } });
        if (!check.ok) {
          sessionStorage.removeItem(TOKEN_KEY);
          return null;
        }
        var me = (await check.json().catch(function () { return null; })) || {};
        if (typeof me.name === 'string' && me.name) {
          state.userName = me.name;
        }
        if (typeof me.user_id === 'string' && me.user_id) {
          state.userId = me.user_id;
        }
        return me;
      })();
      // A failed check (network) is not remembered: the next mount checks again.
      state.identity.catch(function () { state.identity = null; });
    }
    return state.identity;
  }

  async function ensureToken() {
    if (await identity()) {
      return sessionStorage.getItem(TOKEN_KEY);
    }
    state.identity = null;
    await signIn(sessionStorage.getItem(HINT_KEY));
    return null;
  }

  // Leaves the page for the sandbox's authorize endpoint; `hint` names the user to sign in as (login_hint).
  async function signIn(hint) {
    var verifier = randomString(48);
    var challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    var nonce = randomString(18);
    sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier: verifier, state: nonce, returnTo: location.pathname + location.search }));
    var params = new URLSearchParams({
      response_type: 'code',
      client_id: 'sandbox-demo',
      redirect_uri: location.origin + '/__demo/oauth/callback',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: nonce,
    });
    if (hint) {
      params.set('login_hint', hint);
    }
    location.assign('/services/oauth2/authorize?' + params.toString());
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
      document.head.append(tag);
    });
  }

  // The panel's port: the REST connector behind the durable outbox, re-scoring the kept worklist.
  function createPort() {
    var connector = window.CollectionsConnector;
    // Calls, promises and notes logged offline wait in IndexedDB and are sent with their own keys
    // when the connection is back (connector/writes/outbox-port.ts createDurablePort).
    var base = connector.createDurablePort(connector.createSalesforcePort({
      instanceUrl: location.origin,
      apiVersion: config.apiVersion,
      getAccessToken: function () {
        return Promise.resolve(sessionStorage.getItem(TOKEN_KEY));
      },
    }), {
      storage: connector.indexedDbOutboxStorage(),
      lock: navigator.locks ? function (task) { return navigator.locks.request('collections-outbox', task); } : undefined,
      onOnline: function (listener) { window.addEventListener('online', listener); },
    });
    // Every snapshot the panel loads (on open, and again after each write) re-scores that account in
    // the worklist kept in this page: coming back shows it re-ranked without reading the list again.
    var port = Object.assign({}, base, {
      loadSnapshot: function (ref, options) {
        return base.loadSnapshot(ref, options).then(function (snapshot) {
          if (window.CollectionsWorklist && typeof window.CollectionsWorklist.rescore === 'function') {
            try {
              window.CollectionsWorklist.rescore(snapshot);
            } catch (error) {
              console.warn('[demo] worklist re-score failed', error);
            }
          }
          return snapshot;
        });
      },
    });
    return port;
  }

  // The panel for `recordId` into `container` (the record page's slot, the rep's banner), with `extra` mount
  // options; its handle, or null while signing in. The connector and the loader download while the session
  // is checked (issue 18: these were three round trips in a row); the loader then requests the snapshot
  // while the core loads.
  async function mountPanelIn(container, recordId, extra) {
    var scripts = Promise.all([loadScript('/connector/collections-connector.iife.js'), loadScript('/widget/loader.js')]);
    scripts.catch(function () {});
    if (!(await ensureToken())) {
      return null;
    }
    await scripts;
    var port = createPort();
    var host = document.createElement('div');
    host.className = 'panel-host';
    container.replaceChildren(host);
    return window.CollectionsPanel.mount(host, Object.assign({ recordId: recordId, port: port, locale: config.locale, senderName: state.userName || undefined, userId: state.userId || undefined }, extra));
  }

  async function mountPanel() {
    if (!config.panelEnabled) {
      placeholder('Collections panel off (?panel=off).', 'off');
      return;
    }
    if (!config.widgetAvailable || !config.connectorAvailable) {
      placeholder('panel bundle not built: run npm run build', 'missing');
      return;
    }
    if (!state.recordId || state.objectType === 'Opportunity' || state.handle || state.mounting) {
      return;
    }
    state.mounting = true;
    try {
      state.handle = await mountPanelIn(slot(), state.recordId, {});
    } catch (error) {
      placeholder('Collections panel failed to load: ' + (error && error.message ? error.message : String(error)), 'error');
    } finally {
      state.mounting = false;
    }
  }

  // The rep's collections banner on an opportunity (issue 19, decision 0025): collapsed it is the
  // server-rendered button and nothing else (no script, no token check, no API request); opening it
  // mounts the account's panel in its "Before you sell" view, one snapshot request.
  async function toggleBanner(button) {
    var banner = document.getElementById('sales-banner');
    var body = document.getElementById('sales-banner-body');
    if (!banner || !body || state.bannerMounting) {
      return;
    }
    if (button.getAttribute('aria-expanded') === 'true') {
      unmountBanner();
      button.setAttribute('aria-expanded', 'false');
      body.hidden = true;
      return;
    }
    button.setAttribute('aria-expanded', 'true');
    body.hidden = false;
    if (!config.widgetAvailable || !config.connectorAvailable) {
      body.textContent = 'panel bundle not built: run npm run build';
      return;
    }
    state.bannerMounting = true;
    try {
      state.banner = await mountPanelIn(body, banner.getAttribute('data-account-id'), { salesView: true });
    } catch (error) {
      body.textContent = 'Collections panel failed to load: ' + (error && error.message ? error.message : String(error));
    } finally {
      state.bannerMounting = false;
    }
  }

  function unmountBanner() {
    if (state.banner) {
      state.banner.unmount();
      state.banner = null;
    }
  }

  // A tab page (worklist, reports): mounted once into its slot after the session check; `mount(target)`
  // resolves to the widget's handle (null when it left the slot with a message instead).
  async function mountTabPage(key, slotId, available, title, mount) {
    var target = document.getElementById(slotId);
    if (!target || state[key] || state[key + 'Mounting']) {
      return;
    }
    if (!available) {
      target.textContent = title.toLowerCase() + ' bundle not built: run npm run build';
      return;
    }
    state[key + 'Mounting'] = true;
    try {
      if (await ensureToken()) {
        state[key] = (await mount(target)) || null;
      }
    } catch (error) {
      target.textContent = title + ' failed to load: ' + (error && error.message ? error.message : String(error));
    } finally {
      state[key + 'Mounting'] = false;
    }
  }

  // The worklist ("My day"): the collector's accounts ranked, from the widget build's second entry
  // (dist/widget/worklist.js) over the REST-only portfolio reader (dist/connector/collections-portfolio.iife.js).
  async function mountWorklist() {
    await mountTabPage('worklist', 'worklist-slot', config.worklistAvailable, 'Worklist', async function (target) {
      await loadScript('/connector/collections-portfolio.iife.js');
      await loadScript('/widget/worklist.js');
      var reader = window.CollectionsPortfolio.createPortfolioReader({
        instanceUrl: location.origin,
        apiVersion: config.apiVersion,
        getAccessToken: function () {
          return Promise.resolve(sessionStorage.getItem(TOKEN_KEY));
        },
      });
      // The signed-in user (sign in as manager@sandbox.example for the manager view: the collectors
      // report to her, User.ManagerId; decision 0024); the demo collector when the identity is unknown.
      var me = state.userId || config.userId;
      return window.CollectionsWorklist.mount(target, {
        source: reader.source,
        currencies: function (signal) { return reader.readCurrencies(signal); },
        team: reader.readTeam ? function (signal) { return reader.readTeam(me, signal); } : undefined,
        reassign: reader.reassign,
        collectorId: me,
        locale: config.locale,
        onOpen: function (accountId) {
          navigate('/lightning/r/Account/' + accountId + '/view', true);
        },
      });
    });
  }

  // Management reports for the whole org: the widget build's reports entry (dist/widget/reports/reports.js,
  // ESM) over the reports reader (dist/connector/collections-reports.iife.js), whose readReport runs the CLI's report pass
  // (connector/report-pass.ts) and gives the history and today's aggregates the view builds from.
  async function mountReports() {
    await mountTabPage('reports', 'reports-slot', config.reportsAvailable, 'Reports', async function (target) {
      target.textContent = 'Reading the reports…';
      await loadScript('/connector/collections-reports.iife.js');
      var module = await import('/widget/reports/reports.js');
      var reader = window.CollectionsReportsReader.createReportReader({
        instanceUrl: location.origin,
        apiVersion: config.apiVersion,
        getAccessToken: function () {
          return Promise.resolve(sessionStorage.getItem(TOKEN_KEY));
        },
      });
      var data = await reader.readReport({});
      if (document.getElementById('reports-slot') !== target) {
        return null; // navigated away while reading
      }
      if (data.notes.length > 0) {
        console.warn('[demo] ' + data.notes.length + ' CRM records could not be read for the reports, e.g. ' + data.notes[0].message);
      }
      target.textContent = '';
      // The reader's answer as it is: the view takes its data and says when no currency can add the book up.
      return module.CollectionsReports.mount(target, Object.assign({}, data, { locale: config.locale }));
    });
  }

  // Unmount a tab page's widget ('worklist', 'reports') kept in state[key] by mountTabPage.
  function unmountTabPage(key) {
    if (state[key]) {
      state[key].unmount();
      state[key] = null;
    }
  }

  function markCurrent(accountId) {
    var links = document.querySelectorAll('#account-list a[data-record-id]');
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute('data-record-id') === accountId) {
        links[i].setAttribute('aria-current', 'page');
      } else {
        links[i].removeAttribute('aria-current');
      }
    }
  }

  async function navigate(path, push) {
    var match = /^\/lightning\/r\/(Account|Contact|Opportunity)\/([A-Za-z0-9]{15,18})\/view\/?$/.exec(path);
    var home = /^\/lightning\/page\/home\/?$/.test(path);
    var worklist = WORKLIST_PATH.test(path);
    var reports = REPORTS_PATH.test(path);
    if (!match && !home && !worklist && !reports) {
      location.assign(path);
      return;
    }
    var ticket = ++state.navigation;
    var response = await fetch(match ? '/__demo/record/' + match[2] : worklist ? '/__demo/worklist' : reports ? '/__demo/reports' : '/__demo/home', { headers: { Accept: 'application/json' } });
    if (ticket !== state.navigation) {
      return; // a later navigation won
    }
    if (!response.ok) {
      location.assign(path);
      return;
    }
    var data = await response.json();
    if (push) {
      history.pushState({ recordId: data.recordId }, '', path);
    }
    unmountTabPage('worklist');
    unmountTabPage('reports');
    unmountBanner();
    // The fragment is rendered and escaped by the sandbox (sandbox/demo/page.ts).
    document.getElementById('record-main').innerHTML = data.html;
    document.querySelectorAll('.context-bar a[data-nav]').forEach(function (link) {
      var linkPath = new URL(link.href).pathname;
      if ((worklist && WORKLIST_PATH.test(linkPath)) || (reports && REPORTS_PATH.test(linkPath))) {
        link.setAttribute('aria-current', 'page');
      } else {
        link.removeAttribute('aria-current');
      }
    });
    document.title = data.title;
    markCurrent(data.accountId);
    state.recordId = data.recordId;
    state.objectType = data.objectType;
    window.__demoNavigations++;
    if (!data.recordId || data.objectType === 'Opportunity') {
      if (state.handle) {
        state.handle.unmount();
        state.handle = null;
      }
      slot().replaceChildren();
      if (worklist) {
        mountWorklist();
      }
      if (reports) {
        mountReports();
      }
    } else if (state.handle) {
      state.handle.update({ recordId: data.recordId });
    } else {
      mountPanel();
    }
    window.dispatchEvent(new CustomEvent('demo:navigated', { detail: { recordId: data.recordId } }));
  }

  document.addEventListener('click', function (event) {
    var bannerToggle = event.target.closest('#sales-banner-toggle');
    if (bannerToggle) {
      toggleBanner(bannerToggle);
      return;
    }
    var tab = event.target.closest('[data-tab]');
    if (tab) {
      var name = tab.getAttribute('data-tab');
      document.querySelectorAll('[data-tab]').forEach(function (t) {
        t.setAttribute('aria-selected', String(t === tab));
      });
      document.querySelectorAll('[data-panel]').forEach(function (p) {
        p.hidden = p.getAttribute('data-panel') !== name;
      });
      return;
    }
    var link = event.target.closest('a[data-nav]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    var url = new URL(link.href);
    if (url.origin !== location.origin) {
      return;
    }
    event.preventDefault();
    navigate(url.pathname, true);
  });

  window.addEventListener('popstate', function () {
    navigate(location.pathname, false);
  });

  var filterTimer = null;
  document.getElementById('account-filter').addEventListener('input', function (event) {
    clearTimeout(filterTimer);
    var query = event.target.value;
    filterTimer = setTimeout(async function () {
      var response = await fetch('/__demo/accounts?q=' + encodeURIComponent(query));
      var accounts = await response.json();
      var list = document.getElementById('account-list');
      list.replaceChildren();
      accounts.forEach(function (account) {
        var item = document.createElement('li');
        var link = document.createElement('a');
        link.setAttribute('data-nav', '');
        link.setAttribute('data-record-id', account.id);
        link.href = '/lightning/r/Account/' + account.id + '/view';
        var name = document.createElement('span');
        name.className = 'account-name';
        name.textContent = account.name;
        var meta = document.createElement('span');
        meta.className = 'account-meta';
        meta.textContent = [account.city, account.country].filter(Boolean).join(', ') + ' · ' + (account.currency || '');
        link.append(name, meta);
        item.append(link);
        list.append(item);
      });
      markCurrent(state.recordId);
    }, 150);
  });

  // "Next account" on an account page opened from the worklist: n (outside any field, the panel's
  // forms included: their keys stay in the shadow root's inputs) opens the next account of the list
  // the collector was working (widget/src/worklist/App.tsx openNext).
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'n' || event.altKey || event.ctrlKey || event.metaKey || !state.recordId) {
      return;
    }
    var origin = event.composedPath ? event.composedPath()[0] : event.target;
    if (origin && origin.closest && origin.closest('input, textarea, select, [contenteditable="true"]')) {
      return;
    }
    if (window.CollectionsWorklist && typeof window.CollectionsWorklist.openNext === 'function' && window.CollectionsWorklist.openNext() !== null) {
      event.preventDefault();
    }
  });

  if (state.recordId) {
    mountPanel();
  }
  if (config.worklist) {
    mountWorklist();
  }
  if (config.reports) {
    mountReports();
  }
})();
